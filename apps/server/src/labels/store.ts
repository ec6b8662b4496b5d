import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { labels } from './tables.ts';

export type TLabelRow = typeof labels.$inferSelect;

export async function findLabel(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(labels)
    .where(and(eq(labels.workspaceId, workspaceId), eq(labels.id, id)));
  return row;
}

/** The label whose name matches ignoring case, as the unique index compares them. */
export async function findLabelByName(q: Queryable, workspaceId: string, name: string) {
  const [row] = await q
    .select()
    .from(labels)
    .where(and(eq(labels.workspaceId, workspaceId), sql`lower(${labels.name}) = lower(${name})`));
  return row;
}

export async function listLabels(q: Queryable, workspaceId: string): Promise<TLabelRow[]> {
  return q
    .select()
    .from(labels)
    .where(eq(labels.workspaceId, workspaceId))
    .orderBy(sql`lower(${labels.name})`, asc(labels.name));
}

export async function insertLabel(
  q: Queryable,
  input: Pick<TLabelRow, 'workspaceId' | 'name' | 'color' | 'description'>,
): Promise<TLabelRow> {
  const [row] = await q
    .insert(labels)
    .values({ id: newId('lbl'), ...input })
    .returning();
  return row!;
}

export async function updateLabel(
  q: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<TLabelRow, 'name' | 'color' | 'description'>>,
): Promise<TLabelRow | undefined> {
  const [row] = await q
    .update(labels)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(labels.workspaceId, workspaceId), eq(labels.id, id)))
    .returning();
  return row;
}

/** Conversations lose the label through the `conversation_labels` foreign key (on delete cascade). */
export async function deleteLabel(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(labels)
    .where(and(eq(labels.workspaceId, workspaceId), eq(labels.id, id)))
    .returning({ id: labels.id });
  return rows.length > 0;
}

/** True when a write failed on the unique index `labels_workspace_name_key` (PostgreSQL 23505). */
export function isDuplicateLabelName(error: unknown): boolean {
  // Drizzle wraps the driver's error (node-postgres or PGlite) in `cause`.
  const cause = (error as { cause?: { code?: unknown; constraint?: unknown } } | null)?.cause;
  return cause?.code === '23505' && cause.constraint === 'labels_workspace_name_key';
}
