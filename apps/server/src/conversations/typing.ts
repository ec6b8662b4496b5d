// Typing in a conversation: who is writing, announced live to those who may see the conversation,
// never stored. Sent over HTTP (dashboard, widget) and over sockets (realtime/presence.ts).
import { publishEphemeral } from '../events/service.ts';
import { findUserById } from '../members/lookup.ts';
import { type Ctx, requireAgent, type VisitorCtx } from '../platform/context.ts';
import { conversationContact, getConversationForAgent } from './service.ts';

/**
 * Announces typing in a conversation the sender may see; never stored. An agent writing a private
 * note (`isPrivate`) is announced to the team only, never to the visitor.
 */
export async function publishTyping(
  ctx: VisitorCtx | (Ctx & { workspaceId: string }),
  conversationId: string,
  isTyping: boolean,
  opts: { senderName?: string | undefined; isPrivate?: boolean | undefined } = {},
) {
  const { senderName, isPrivate = false } = opts;
  const scope = { platform: ctx.platform, workspaceId: ctx.workspaceId };
  const owner = await conversationContact(scope, conversationId);
  if (!owner) {
    return;
  }
  const userId = ctx.actor?.kind === 'user' ? ctx.actor.userId : null;
  const name =
    senderName ??
    (userId ? ((await findUserById(ctx.platform.db, userId))?.name ?? null) : owner.contactName);
  if (ctx.actor?.kind === 'visitor') {
    if (owner.contactId !== ctx.actor.contactId) {
      return;
    }
    await publishEphemeral(scope, {
      type: 'typing',
      conversationId,
      // Agents only: the visitor's own sockets do not need their own typing.
      contactId: null,
      data: { conversationId, isTyping, sender: { type: 'contact', id: ctx.actor.contactId, name } },
    });
    return;
  }
  await publishEphemeral(scope, {
    type: 'typing',
    conversationId,
    // Without a contact, no visitor socket takes the event.
    contactId: isPrivate ? null : owner.contactId,
    data: {
      conversationId,
      isTyping,
      isPrivate,
      sender: { type: 'user', id: userId, name },
    },
  });
}

/** An agent typing in a conversation they may see, told over HTTP. */
export async function announceAgentTyping(
  ctx: Ctx,
  conversationId: string,
  typing: { isTyping: boolean; isPrivate?: boolean | undefined },
) {
  requireAgent(ctx);
  await getConversationForAgent(ctx, conversationId);
  await publishTyping(ctx, conversationId, typing.isTyping, { isPrivate: typing.isPrivate });
}
