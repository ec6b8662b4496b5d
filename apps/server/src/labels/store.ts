import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { labels } from './tables.ts';

export async function findLabel(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(labels)
    .where(and(eq(labels.workspaceId, workspaceId), eq(labels.id, id)));
  return row;
}
