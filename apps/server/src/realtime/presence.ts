// Presence (which agents are online or away) and typing (who is writing in a conversation): both
// delivered live, never stored, without a sequence number.

import type { TPresence, TTypingFrame } from '../../../../packages/shared/src/realtime.ts';
import { publishTyping } from '../conversations/typing.ts';
import { publishEphemeral } from '../events/service.ts';
import {
  type Ctx,
  type Platform,
  requireAgent,
  type TenantScope,
  type VisitorCtx,
} from '../platform/context.ts';

/** The workspace's agents who are online or away, on any server process (the others are offline). */
export async function listPresence(ctx: Ctx) {
  requireAgent(ctx);
  return Object.entries(await ctx.platform.hub.presence.list(ctx.workspaceId)).map(([userId, status]) => ({
    userId,
    status,
  }));
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
