import type { TNotification } from '../../../../packages/shared/src/api/notifications.ts';
import type { notifications } from './tables.ts';

/** A notification as its recipient sees it; `actorName`: the name of who mentioned them, if still known. */
export function presentNotification(
  n: typeof notifications.$inferSelect,
  actorName: string | null,
): TNotification {
  return {
    id: n.id,
    kind: n.kind,
    userId: n.userId,
    conversationId: n.conversationId,
    messageId: n.messageId,
    actor: n.actorId ? { id: n.actorId, name: actorName ?? '' } : null,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}
