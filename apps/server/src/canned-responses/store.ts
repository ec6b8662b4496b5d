import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { cannedResponses } from './tables.ts';

export type TCannedResponseRow = typeof cannedResponses.$inferSelect;

/** `search` is plain text: `%`, `_` and `\` in it match themselves, not any character. */
export async function listCannedResponses(
  q: Queryable,
  workspaceId: string,
  search: string | null,
): Promise<TCannedResponseRow[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, '\\$&')}%` : null;
  return (
    q
      .select()
      .from(cannedResponses)
      .where(
        and(
          eq(cannedResponses.workspaceId, workspaceId),
          pattern
            ? or(ilike(cannedResponses.shortcut, pattern), ilike(cannedResponses.content, pattern))
            : undefined,
        ),
      )
      // Shortcuts are ASCII; the C collation sorts `-` and `_` the same way on every engine and locale.
      .orderBy(sql`${cannedResponses.shortcut} collate "C"`)
  );
}

export async function insertCannedResponse(
  q: Queryable,
  input: Pick<TCannedResponseRow, 'workspaceId' | 'shortcut' | 'content'>,
): Promise<TCannedResponseRow> {
  const [row] = await q
    .insert(cannedResponses)
    .values({ id: newId('canned'), ...input })
    .returning();
  return row!;
}

export async function updateCannedResponse(
  q: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<TCannedResponseRow, 'shortcut' | 'content'>>,
): Promise<TCannedResponseRow | undefined> {
  const [row] = await q
    .update(cannedResponses)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
    .returning();
  return row;
}

export async function deleteCannedResponse(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
    .returning({ id: cannedResponses.id });
  return rows.length > 0;
}

/** True when a write failed on the unique index `canned_responses_workspace_shortcut_key` (PostgreSQL 23505). */
export function isDuplicateShortcut(error: unknown): boolean {
  // Drizzle wraps the driver's error (node-postgres or PGlite) in `cause`.
  const cause = (error as { cause?: { code?: unknown; constraint?: unknown } } | null)?.cause;
  return cause?.code === '23505' && cause.constraint === 'canned_responses_workspace_shortcut_key';
}
