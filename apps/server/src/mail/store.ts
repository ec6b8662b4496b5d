import { desc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { devMails } from './tables.ts';

export async function insertDevMail(
  q: Queryable,
  input: { workspaceId: string | null; to: string; subject: string; text: string; html: string | null },
) {
  await q.insert(devMails).values({ id: newId('mail'), ...input });
}

/** Mail addressed to `email`, and no other: a link in a mail is a credential of its recipient. */
export async function listDevMails(q: Queryable, email: string, limit: number) {
  return q
    .select({
      id: devMails.id,
      to: devMails.to,
      subject: devMails.subject,
      text: devMails.text,
      createdAt: devMails.createdAt,
    })
    .from(devMails)
    .where(eq(devMails.to, email))
    .orderBy(desc(devMails.id))
    .limit(limit);
}
