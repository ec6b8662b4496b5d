// One client's socket, from the moment it is authenticated to its close: kept under the rights it
// rides on, resumed (the events it missed, then live ones, with no gap and none twice), its frames
// answered, its peer pinged.
import type { RawData, WebSocket } from 'ws';
import type { TControlFrame } from '../../../../packages/shared/src/realtime.ts';
import { openedPayload, openPayload, subscribeToWorkspace, type TOpened } from '../events/feed.ts';
import { eventsBetween } from '../events/service.ts';
import type { Platform, TenantScope, VisitorCtx } from '../platform/context.ts';
import type { TSocketHolder, TStoredEvent } from '../platform/realtime.ts';
import { parseClientFrame } from './client-frames.ts';
import type { DeliveryMarks } from './delivery-marks.ts';
import { deliveredBy, frameFor } from './frames.ts';
import { registerSocket } from './open-sockets.ts';
import { type AgentPresence, SocketTyping } from './presence.ts';

export type TClient = (
  | { kind: 'agent'; scope: TenantScope; userId: string | null; name: string }
  | { kind: 'visitor'; scope: TenantScope; contactId: string; visitor: VisitorCtx }
) & {
  /** Whose rights the socket rides on: revoking any of them ends it (open-sockets.ts). */
  holders: TSocketHolder[];
  /** When those rights were last checked. */
  credentialsReadAt: number;
};

/** What every socket of one app shares. */
export type TSocketShared = { marks: DeliveryMarks; presence: AgentPresence; pingMs: number };

export const CLOSE_POLICY = 4003;
/** Not signed in, or the credentials stopped working (signed out, revoked, reset): do not reconnect with them. */
export const CLOSE_UNAUTHENTICATED = 4001;
/** The credentials still work but grant something else now: reconnect to be scoped again. */
export const CLOSE_RIGHTS_CHANGED = 4010;
const CLOSE_FLOOD = 4008;
const CLOSE_RESUME_FAILED = 1011;
const FLOOD_WINDOW_MS = 10_000;
const FLOOD_MAX_FRAMES = 100;
/** Without a `resume` by then, the socket goes live from the current event. */
const RESUME_WAIT_MS = 3_000;
/** A frame shared by many sockets is encoded once: sent as the same bytes, as a text frame. */
const AS_TEXT = { binary: false };

/** Holds frames that arrive while the connection is still being authenticated. */
export function keepEarlyFrames(socket: WebSocket) {
  const frames: RawData[] = [];
  const listener = (raw: RawData) => frames.push(raw);
  socket.on('message', listener);
  return {
    stop: () => {
      socket.off('message', listener);
      return frames;
    },
  };
}

/**
 * Serves an authenticated socket until it closes. `early`: frames that arrived before (a `resume`
 * sent right after connecting), handled first, in order.
 */
export function serveClient(
  platform: Platform,
  socket: WebSocket,
  client: TClient,
  shared: TSocketShared,
  early: RawData[],
) {
  new ClientSocket(platform, socket, client, shared).start(early);
}

/** At most FLOOD_MAX_FRAMES frames from a client per FLOOD_WINDOW_MS. */
class FloodGate {
  private count = 0;
  private windowStart = Date.now();

  admits(now: number): boolean {
    if (now - this.windowStart > FLOOD_WINDOW_MS) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= FLOOD_MAX_FRAMES;
  }
}

/** Pings the peer every `ms`: two pings in a row without a pong, it is gone (one may be late under load). */
function startHeartbeat(socket: WebSocket, ms: number): () => void {
  let missedPongs = 0;
  socket.on('pong', () => {
    missedPongs = 0;
  });
  const timer = setInterval(() => {
    if (missedPongs >= 2) {
      socket.terminate();
      return;
    }
    missedPongs += 1;
    socket.ping();
  }, ms);
  return () => clearInterval(timer);
}

class ClientSocket {
  /** The signed-in user of an agent's socket (null for visitors and API tokens): their presence. */
  private readonly agentUserId: string | null;
  private readonly typing: SocketTyping;
  private readonly flood = new FloodGate();
  /** The TCP socket under the WebSocket, corked while a tick writes frames (see `send`). */
  private readonly tcp: { cork: () => void; uncork: () => void } | undefined;
  private isCorked = false;

  // Delivery in order. Until the client is live, stored events from the feed wait in `buffer` (the
  // replay of what it missed comes first); `highest` is the highest sequence number handed to it.
  // Events whose payload must be opened first, and everything after them, go through `chain`.
  private hasResumed = false;
  private isLive = false;
  private isClosed = false;
  private buffer: TStoredEvent[] = [];
  private highest = 0;
  private chain: Promise<void> = Promise.resolve();
  private chained = 0;
  private unsubscribe: (() => void) | null = null;

  private resumeTimer: NodeJS.Timeout | undefined;
  private stopHeartbeat: (() => void) | undefined;
  private unregister: (() => void) | undefined;

  constructor(
    private readonly platform: Platform,
    private readonly socket: WebSocket,
    private readonly client: TClient,
    private readonly shared: TSocketShared,
  ) {
    this.agentUserId = client.kind === 'agent' ? client.userId : null;
    this.typing = new SocketTyping(platform, client);
    this.tcp = (socket as unknown as { _socket?: { cork: () => void; uncork: () => void } })._socket;
  }

  start(early: RawData[]) {
    const { socket, client } = this;
    this.resumeTimer = setTimeout(() => void this.goLive(null), RESUME_WAIT_MS);
    this.stopHeartbeat = startHeartbeat(socket, this.shared.pingMs);
    // Before any frame is handled: a socket whose rights were revoked while it connected ends here.
    this.unregister = registerSocket(this.platform, client.holders, client.credentialsReadAt, (reason) => {
      if (reason === 'access_ended') {
        socket.close(CLOSE_UNAUTHENTICATED, 'access ended');
      } else {
        socket.close(CLOSE_RIGHTS_CHANGED, 'rights changed');
      }
    });
    socket.on('message', this.onFrame);
    for (const raw of early.splice(0)) {
      this.onFrame(raw);
    }
    if (this.agentUserId) {
      this.shared.presence.opened(client.scope.workspaceId, this.agentUserId);
    }
    socket.on('close', () => this.onClose());
  }

  private onClose() {
    this.isClosed = true;
    this.unregister?.();
    clearTimeout(this.resumeTimer);
    this.stopHeartbeat?.();
    this.unsubscribe?.();
    if (this.agentUserId) {
      this.shared.presence.closed(this.client.scope.workspaceId, this.agentUserId);
    }
  }

  // ── Frames to the client ────────────────────────────────────────────────────────────────────────

  /** Frames written in the same tick leave in one write to the network (the feed hands out batches). */
  private send(frame: string | Buffer) {
    const { socket, tcp } = this;
    if (socket.readyState !== socket.OPEN) {
      return;
    }
    if (tcp && !this.isCorked) {
      this.isCorked = true;
      tcp.cork();
      process.nextTick(this.uncork);
    }
    socket.send(frame, AS_TEXT);
  }

  private readonly uncork = () => {
    this.isCorked = false;
    this.tcp?.uncork();
  };

  private sendControl(frame: TControlFrame) {
    this.send(JSON.stringify(frame));
  }

  /** The feed's listener: every event of the workspace (agents) or of the contact (visitors). */
  private readonly onEvent = (event: TStoredEvent) => {
    // Most events of a busy workspace concern other visitors: drop those here, before any work.
    if (this.client.kind === 'visitor' && event.contactId !== this.client.contactId) {
      return;
    }
    if (this.isLive || event.seq === null) {
      this.deliver(event);
    } else {
      this.buffer.push(event);
    }
  };

  private deliver(event: TStoredEvent) {
    const open = openedPayload(event);
    if (open && this.chained === 0) {
      // Nothing waiting before it: send now, in this tick.
      try {
        this.deliverOpened(event, open);
      } catch (err) {
        this.platform.log.warn({ err }, 'could not deliver a realtime event');
      }
      return;
    }
    this.later(async () => this.deliverOpened(event, await openPayload(this.platform, event)));
  }

  private deliverOpened(event: TStoredEvent, open: TOpened) {
    if (event.seq !== null) {
      if (event.seq <= this.highest) {
        return;
      }
      this.highest = event.seq;
    }
    const frame = frameFor(this.client, event, open);
    if (frame === null) {
      return;
    }
    this.send(frame);
    const delivered = deliveredBy(this.client, event, open.data);
    if (delivered) {
      this.shared.marks.add(event.workspaceId, delivered);
    }
  }

  /** Runs `step` after everything queued before it, in order. */
  private later(step: () => void | Promise<void>) {
    this.chained += 1;
    this.chain = this.chain
      .then(step)
      .catch((err) => this.platform.log.warn({ err }, 'could not deliver a realtime event'))
      .finally(() => {
        this.chained -= 1;
      });
  }

  /** Subscribes to the feed, replays what the client missed after `lastSeq` (null: nothing), goes live. */
  private async goLive(lastSeq: number | null) {
    if (this.hasResumed) {
      return;
    }
    this.hasResumed = true;
    const { client } = this;
    const contactId = client.kind === 'visitor' ? client.contactId : null;
    try {
      // Everything after `cursor` reaches us through the feed, in order; the log covers the rest.
      const subscription = await subscribeToWorkspace(
        this.platform,
        client.scope.workspaceId,
        this.onEvent,
        contactId,
      );
      if (this.isClosed) {
        subscription.unsubscribe();
        return;
      }
      this.unsubscribe = subscription.unsubscribe;
      const { cursor } = subscription;
      if (lastSeq === null) {
        this.highest = cursor;
      } else if (lastSeq >= cursor) {
        this.highest = lastSeq;
      } else {
        const missed = await eventsBetween(client.scope, lastSeq, cursor, contactId ?? undefined);
        if (missed.isComplete) {
          this.highest = lastSeq;
          for (const event of missed.events) {
            this.deliver(event);
          }
          // Events up to the cursor that this client may not see still count as seen.
          this.later(() => {
            this.highest = Math.max(this.highest, cursor);
          });
        } else {
          // Too old to replay: the client reloads what it shows, then continues live from here.
          this.highest = cursor;
          this.later(() => this.sendControl({ type: 'resync' }));
        }
      }
      this.isLive = true;
      for (const event of this.buffer) {
        this.deliver(event);
      }
      this.buffer = [];
      this.later(() => this.sendControl({ type: 'ready', lastSeq: this.highest }));
    } catch (err) {
      this.platform.log.warn({ err }, 'could not resume a realtime client');
      this.socket.close(CLOSE_RESUME_FAILED, 'resume failed');
    }
  }

  // ── Frames from the client ──────────────────────────────────────────────────────────────────────

  private readonly onFrame = (raw: RawData) => {
    const { socket } = this;
    if (socket.readyState !== socket.OPEN) {
      // Closing (its rights ended, say): nothing it sends counts any more.
      return;
    }
    const now = Date.now();
    if (!this.flood.admits(now)) {
      socket.close(CLOSE_FLOOD, 'too many frames');
      return;
    }
    const parsed = parseClientFrame(raw, { mayReportPresence: this.agentUserId !== null });
    if (!parsed.ok) {
      this.sendControl(parsed.error);
      return;
    }
    const { frame } = parsed;
    switch (frame.type) {
      case 'resume':
        clearTimeout(this.resumeTimer);
        void this.goLive(frame.lastSeq);
        break;
      case 'ping':
        this.sendControl({ type: 'pong' });
        break;
      case 'presence':
        if (this.agentUserId) {
          this.shared.presence.report(this.client.scope.workspaceId, this.agentUserId, frame.status);
        }
        break;
      case 'typing':
        this.typing.report(frame, now);
        break;
    }
  };
}
