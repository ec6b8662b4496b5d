import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { DEFAULT_INBOX_SETTINGS } from './schema.ts';
import { inboxes } from './tables.ts';

export type TInbox = typeof inboxes.$inferSelect;

/** Settings stored before a setting existed read as its default. */
function withDefaults<T extends TInbox | undefined>(row: T): T {
  return row && { ...row, settings: { ...DEFAULT_INBOX_SETTINGS, ...row.settings } };
}

export async function insertInbox(
  q: Queryable,
  input: Omit<typeof inboxes.$inferInsert, 'id'>,
): Promise<TInbox> {
  const [row] = await q
    .insert(inboxes)
    .values({ id: newId('inb'), ...input })
    .returning();
  return withDefaults(row!);
}

export async function listInboxes(q: Queryable, workspaceId: string) {
  const rows = await q
    .select()
    .from(inboxes)
    .where(eq(inboxes.workspaceId, workspaceId))
    .orderBy(asc(inboxes.id));
  return rows.map(withDefaults);
}

export async function findInbox(q: Queryable, workspaceId: string, id: string): Promise<TInbox | undefined> {
  const [row] = await q
    .select()
    .from(inboxes)
    .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.id, id)));
  return withDefaults(row);
}

/** Installation-wide: the widget key in a page's snippet names the inbox (and so the workspace). */
export async function findInboxByWidgetKey(q: Queryable, widgetKey: string): Promise<TInbox | undefined> {
  const [row] = await q.select().from(inboxes).where(eq(inboxes.widgetKey, widgetKey));
  return withDefaults(row);
}

export async function updateInbox(
  q: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<TInbox, 'name' | 'settings' | 'requireIdentityVerification' | 'identitySecretSealed'>>,
) {
  const [row] = await q
    .update(inboxes)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.id, id)))
    .returning();
  return withDefaults(row);
}

export async function deleteInbox(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(inboxes)
    .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.id, id)))
    .returning({ id: inboxes.id });
  return rows.length > 0;
}
