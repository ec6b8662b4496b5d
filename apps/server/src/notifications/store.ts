import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { notifications } from './tables.ts';

export async function insertNotifications(
  q: Queryable,
  rows: Omit<typeof notifications.$inferInsert, 'id' | 'createdAt' | 'readAt'>[],
) {
  if (rows.length === 0) {
    return [];
  }
  return q
    .insert(notifications)
    .values(rows.map((r) => ({ id: newId('ntf'), ...r })))
    .returning();
}

export async function listNotifications(
  q: Queryable,
  workspaceId: string,
  userId: string,
  limit: number,
  before: string | null,
) {
  return q
    .select({ notification: notifications, actorName: users.name })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        before ? lt(notifications.id, before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit);
}

export async function countUnread(q: Queryable, workspaceId: string, userId: string) {
  const [row] = await q
    .select({ n: count() })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks one (or, with no id, every) unread notification of the user read; returns how many changed. */
export async function markRead(q: Queryable, workspaceId: string, userId: string, id: string | null) {
  const rows = await q
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        id ? eq(notifications.id, id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findNotification(q: Queryable, workspaceId: string, userId: string, id: string) {
  const [row] = await q
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, workspaceId),
        eq(notifications.userId, userId),
        eq(notifications.id, id),
      ),
    );
  return row;
}
