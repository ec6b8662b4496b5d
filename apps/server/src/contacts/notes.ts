import { and, desc, eq } from 'drizzle-orm';
import type { TContactNote, TContactNotes } from '../../../../packages/shared/src/api/contacts.ts';
import { users } from '../accounts/tables.ts';
import { findUserById } from '../members/lookup.ts';
import { type Ctx, inWorkspace, requireAgent } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import * as store from './store.ts';
import { contactNotes } from './tables.ts';

async function listNoteRows(q: Queryable, workspaceId: string, contactId: string) {
  return q
    .select({ note: contactNotes, authorName: users.name })
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.authorId))
    .where(and(eq(contactNotes.workspaceId, workspaceId), eq(contactNotes.contactId, contactId)))
    .orderBy(desc(contactNotes.id))
    .limit(200);
}

/** The team's notes about a contact, newest first (text opened from its sealed form). */
export async function listContactNotes(ctx: Ctx, contactId: string): Promise<TContactNotes> {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => {
    if (!(await store.findContact(tx, ctx.workspaceId, contactId))) {
      throw notFound('Contact');
    }
    const items: TContactNote[] = [];
    for (const r of await listNoteRows(tx, ctx.workspaceId, contactId)) {
      items.push({
        id: r.note.id,
        text: await ctx.platform.sealer.openText(tx, ctx.workspaceId, r.note.bodySealed),
        author: r.note.authorId ? { id: r.note.authorId, name: r.authorName ?? '' } : null,
        createdAt: r.note.createdAt.toISOString(),
      });
    }
    return { items };
  });
}

export async function addContactNote(ctx: Ctx, contactId: string, text: string): Promise<TContactNote> {
  requireAgent(ctx);
  const body = text.trim();
  if (!body) {
    throw new AppError('validation_failed', 'Write the note first');
  }
  const authorId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return inWorkspace(ctx, async (tx) => {
    if (!(await store.findContact(tx, ctx.workspaceId, contactId))) {
      throw notFound('Contact');
    }
    const [row] = await tx
      .insert(contactNotes)
      .values({
        id: newId('cnote'),
        workspaceId: ctx.workspaceId,
        contactId,
        authorId,
        bodySealed: await ctx.platform.sealer.seal(tx, ctx.workspaceId, body),
      })
      .returning();
    const author = authorId ? await findUserById(tx, authorId) : undefined;
    return {
      id: row!.id,
      text: body,
      author: author ? { id: author.id, name: author.name } : null,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

export async function deleteContactNote(ctx: Ctx, contactId: string, noteId: string) {
  requireAgent(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    tx
      .delete(contactNotes)
      .where(
        and(
          eq(contactNotes.workspaceId, ctx.workspaceId),
          eq(contactNotes.contactId, contactId),
          eq(contactNotes.id, noteId),
        ),
      )
      .returning({ id: contactNotes.id }),
  );
  if (rows.length === 0) {
    throw notFound('Note');
  }
}
