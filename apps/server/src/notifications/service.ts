import type { Emit } from '../events/service.ts';
import { enqueueMail, linkMail } from '../mail/service.ts';
import { findUserById, membershipRole } from '../members/lookup.ts';
import {
  type Ctx,
  inWorkspace,
  requireUser,
  requireWorkspace,
  type TenantScope,
} from '../platform/context.ts';
import { decodeIdCursor, nextIdCursor } from '../platform/cursor.ts';
import type { Tx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { presentNotification } from './presenter.ts';
import * as store from './store.ts';

/**
 * Someone @mentioned teammates in a private note: each (but the author) gets an in-app notification,
 * delivered live, and an email with a link to the conversation. Ids that are not members are refused.
 */
export async function notifyMentions(
  scope: TenantScope,
  tx: Tx,
  emit: Emit,
  input: {
    mentionedUserIds: string[];
    authorId: string | null;
    conversationId: string;
    messageId: string;
    excerpt: string;
  },
) {
  const ids = [...new Set(input.mentionedUserIds)].filter((id) => id !== input.authorId);
  for (const id of ids) {
    if (!(await membershipRole(tx, scope.workspaceId, id))) {
      throw new AppError('validation_failed', 'Only members of this workspace can be mentioned', {
        userId: id,
      });
    }
  }
  const rows = await store.insertNotifications(
    tx,
    ids.map((userId) => ({
      workspaceId: scope.workspaceId,
      userId,
      kind: 'mention' as const,
      conversationId: input.conversationId,
      messageId: input.messageId,
      actorId: input.authorId,
    })),
  );
  const author = input.authorId ? await findUserById(tx, input.authorId) : undefined;
  for (const row of rows) {
    emit({
      type: 'notification.created',
      conversationId: input.conversationId,
      contactId: null,
      data: presentNotification(row, author?.name ?? null),
    });
    const user = await findUserById(tx, row.userId);
    if (user && user.preferences.emailOnMention !== false) {
      await enqueueMail(
        scope.platform,
        tx,
        linkMail({
          to: user.email,
          subject: `${author?.name ?? 'A teammate'} mentioned you in a conversation`,
          intro: `${author?.name ?? 'A teammate'} mentioned you in a private note: “${input.excerpt.slice(0, 280)}”`,
          action: 'Open the conversation',
          url: `${scope.platform.config.publicUrl}/app/conversations/${input.conversationId}`,
          outro: 'You receive this because you are a member of the workspace.',
          workspaceId: scope.workspaceId,
        }),
      );
    }
  }
}

export async function listNotifications(ctx: Ctx, page: { limit: number; cursor?: string | undefined }) {
  requireUser(ctx);
  requireWorkspace(ctx);
  const userId = ctx.actor.userId;
  return inWorkspace(ctx, async (tx) => {
    const rows = await store.listNotifications(
      tx,
      ctx.workspaceId,
      userId,
      page.limit + 1,
      decodeIdCursor(page.cursor),
    );
    const items = rows.slice(0, page.limit).map((r) => presentNotification(r.notification, r.actorName));
    return {
      items,
      unread: await store.countUnread(tx, ctx.workspaceId, userId),
      nextCursor: nextIdCursor(rows.length > page.limit, items),
    };
  });
}

export async function markNotificationsRead(ctx: Ctx, id: string | null) {
  requireUser(ctx);
  requireWorkspace(ctx);
  const userId = ctx.actor.userId;
  await inWorkspace(ctx, async (tx) => {
    if (id && !(await store.findNotification(tx, ctx.workspaceId, userId, id))) {
      throw notFound('Notification');
    }
    await store.markRead(tx, ctx.workspaceId, userId, id);
  });
}
