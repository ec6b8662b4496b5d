// Presence (which agents are online or away) and typing (who is writing in a conversation): both
// delivered live, never stored, without a sequence number.

import type { TPresence, TTypingFrame } from '../../../../packages/shared/src/realtime.ts';
import { findUserById } from '../accounts/service.ts';
import { conversationContact } from '../conversations/service.ts';
import type { Ctx, Platform, TenantScope, VisitorCtx } from '../platform/context.ts';
import { publishEphemeral } from './service.ts';

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

const TYPING_MIN_INTERVAL_MS = 1_000;

/** Who types over one socket: an agent (named when the socket opened) or a visitor. */
export type TTypist =
  | { kind: 'agent'; scope: TenantScope; userId: string | null; name: string }
  | { kind: 'visitor'; visitor: VisitorCtx };

/**
 * Typing reported over one socket: "started typing" is announced at most once a second per
 * conversation (a client may report every keystroke), "stopped" every time.
 */
export class SocketTyping {
  private readonly lastAt = new Map<string, number>();

  constructor(
    private readonly platform: Platform,
    private readonly typist: TTypist,
  ) {}

  report(frame: TTypingFrame, now: number): void {
    const key = `${frame.conversationId}:${frame.isTyping}`;
    if (frame.isTyping && now - (this.lastAt.get(key) ?? 0) < TYPING_MIN_INTERVAL_MS) {
      return;
    }
    this.lastAt.set(key, now);
    const { typist, platform } = this;
    const ctx =
      typist.kind === 'visitor'
        ? typist.visitor
        : {
            platform,
            actor: typist.userId ? { kind: 'user' as const, userId: typist.userId, sessionId: '' } : null,
            workspaceId: typist.scope.workspaceId,
            role: null,
            csrfToken: null,
          };
    publishTyping(ctx, frame.conversationId, frame.isTyping, {
      senderName: typist.kind === 'agent' ? typist.name : undefined,
      // An agent writing a note: the team is told, never the visitor.
      isPrivate: typist.kind === 'agent' && frame.isPrivate === true,
    }).catch((err) => platform.log.warn({ err }, 'could not publish typing'));
  }
}

/**
 * This process's part of presence: how many sockets each agent has open here and who said they are
 * away. The hub's presence store adds up every process's part; each change is announced to every
 * socket of the workspace as a `presence` frame with the agent's status overall. One per app.
 */
export class AgentPresence {
  /** By `workspace:user`. */
  private readonly sockets = new Map<string, number>();
  private readonly away = new Set<string>();
  /** One agent's updates run one after another, so the last status stored is the last one reported. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(private readonly platform: Platform) {}

  /** An agent's socket opened on this process: the first one makes them online. */
  opened(workspaceId: string, userId: string): void {
    const key = `${workspaceId}:${userId}`;
    const count = (this.sockets.get(key) ?? 0) + 1;
    this.sockets.set(key, count);
    if (count === 1) {
      this.update(workspaceId, userId);
    }
  }

  /** An agent's socket closed: with their last one on this process, this process no longer counts them. */
  closed(workspaceId: string, userId: string): void {
    const key = `${workspaceId}:${userId}`;
    const count = (this.sockets.get(key) ?? 1) - 1;
    if (count <= 0) {
      this.sockets.delete(key);
      this.away.delete(key);
      this.update(workspaceId, userId);
    } else {
      this.sockets.set(key, count);
    }
  }

  /** The dashboard reports "away" after a few minutes without activity, "online" when it returns. */
  report(workspaceId: string, userId: string, status: 'online' | 'away'): void {
    const key = `${workspaceId}:${userId}`;
    const wasAway = this.away.has(key);
    if (status === 'away') {
      this.away.add(key);
    } else {
      this.away.delete(key);
    }
    if (wasAway !== (status === 'away')) {
      this.update(workspaceId, userId);
    }
  }

  /**
   * Stores this process's status for the agent, then tells every socket the agent's status overall
   * (online on any process wins, then away, else offline).
   */
  private update(workspaceId: string, userId: string): void {
    const { platform } = this;
    const key = `${workspaceId}:${userId}`;
    const run = async () => {
      const local = this.sockets.get(key) ?? 0;
      const mine = local > 0 ? (this.away.has(key) ? 'away' : 'online') : null;
      await platform.hub.presence.set(workspaceId, userId, mine);
      const status: TPresence = (await platform.hub.presence.list(workspaceId))[userId] ?? 'offline';
      await publishEphemeral(
        { platform, workspaceId },
        { type: 'presence', conversationId: null, contactId: null, data: { userId, status } },
      );
    };
    const turn = (this.turns.get(key) ?? Promise.resolve())
      .then(run)
      .catch((err) => platform.log.warn({ err }, 'could not update presence'));
    this.turns.set(key, turn);
    void turn.then(() => {
      if (this.turns.get(key) === turn) {
        this.turns.delete(key);
      }
    });
  }
}
