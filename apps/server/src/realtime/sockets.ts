// Realtime delivery over WebSockets: one endpoint for agents (session cookie) and one for visitors
// (visitor token). Events carry a per-workspace sequence number; a reconnecting client sends the last
// one it saw and first receives everything it missed, then live events, with no gap.
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { findUserById } from '../accounts/service.ts';
import {
  type TConversationView,
  type TMessageView,
  toVisitorConversation,
  toVisitorMessage,
} from '../conversations/presenter.ts';
import { conversationContact, markDelivered } from '../conversations/service.ts';
import {
  type Ctx,
  type Platform,
  requireAgent,
  type TenantScope,
  type VisitorCtx,
} from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import type { TSocketHolder, TStoredEvent } from '../platform/realtime.ts';
import { errorResponses } from '../platform/schema.ts';
import { resolveVisitor } from '../widget/service.ts';
import { openedPayload, openPayload, subscribeToWorkspace, type TOpened } from './feed.ts';
import { registerSocket, watchRevocations } from './open-sockets.ts';
import { eventsBetween, publishEphemeral } from './service.ts';

type TClient = (
  | { kind: 'agent'; scope: TenantScope; userId: string | null; name: string }
  | { kind: 'visitor'; scope: TenantScope; contactId: string; visitor: VisitorCtx }
) & {
  /** Whose rights the socket rides on: revoking any of them ends it (open-sockets.ts). */
  holders: TSocketHolder[];
  /** When those rights were last checked. */
  credentialsReadAt: number;
};

const CLOSE_POLICY = 4003;
/** Not signed in, or the credentials stopped working (signed out, revoked, reset): do not reconnect with them. */
const CLOSE_UNAUTHENTICATED = 4001;
/** The credentials still work but grant something else now: reconnect to be scoped again. */
const CLOSE_RIGHTS_CHANGED = 4010;
const CLOSE_FLOOD = 4008;
const FLOOD_WINDOW_MS = 10_000;
const FLOOD_MAX_FRAMES = 100;
const TYPING_MIN_INTERVAL_MS = 1_000;
const RESUME_WAIT_MS = 3_000;

/**
 * Marks messages delivered when a socket on the other side received them. A reply reaches many sockets
 * at once, so marks are collected for a moment and written in one transaction per workspace.
 */
const seenForDelivery = new Set<string>();
const pendingDelivery = new Map<Platform, Map<string, Map<string, TMessageView>>>();
let deliveryTimer: NodeJS.Timeout | null = null;
const DELIVERY_BATCH_MS = 100;

function markDeliveredSoon(platform: Platform, event: TStoredEvent, message: TMessageView) {
  if (message.status !== 'sent' || seenForDelivery.has(message.id)) {
    return;
  }
  seenForDelivery.add(message.id);
  if (seenForDelivery.size > 10_000) {
    seenForDelivery.clear();
  }
  let byWorkspace = pendingDelivery.get(platform);
  if (!byWorkspace) {
    byWorkspace = new Map();
    pendingDelivery.set(platform, byWorkspace);
  }
  const views = byWorkspace.get(event.workspaceId) ?? new Map<string, TMessageView>();
  views.set(message.id, message);
  byWorkspace.set(event.workspaceId, views);
  if (!deliveryTimer) {
    deliveryTimer = setTimeout(flushDelivered, DELIVERY_BATCH_MS);
  }
}

function flushDelivered() {
  deliveryTimer = null;
  const batches = [...pendingDelivery.entries()];
  pendingDelivery.clear();
  for (const [platform, byWorkspace] of batches) {
    for (const [workspaceId, views] of byWorkspace) {
      markDelivered({ platform, workspaceId }, [...views.values()]).catch((err) =>
        platform.log.warn({ err }, 'could not mark messages delivered'),
      );
    }
  }
}

/** The frames of one event, serialized once per process for every socket of an audience. */
type TFrames = { agent?: Buffer; visitor?: Buffer | null };
const framesOf = new WeakMap<TStoredEvent, TFrames>();

/** `{"type":…,"seq":…,"data":…}` around data already serialized (the opened payload's JSON text). */
function frameAround(event: TStoredEvent, json: string) {
  const seq = event.seq === null ? '' : `,"seq":${event.seq}`;
  return `{"type":${JSON.stringify(event.type)}${seq},"data":${json}}`;
}

function frameText(event: TStoredEvent, data: unknown) {
  return frameAround(event, JSON.stringify(data));
}

/** What a visitor may see of an event (the event is of its contact), or null. */
function visitorData(platform: Platform, event: TStoredEvent, data: unknown): unknown | null {
  switch (event.type) {
    case 'message.created':
    case 'message.updated': {
      const message = data as TMessageView;
      if (message.kind === 'note' || message.kind === 'activity') {
        return null;
      }
      if (event.type === 'message.created' && message.kind === 'outgoing') {
        markDeliveredSoon(platform, event, message);
      }
      return toVisitorMessage(message);
    }
    case 'conversation.created':
    case 'conversation.updated':
      return toVisitorConversation(data as TConversationView);
    case 'typing': {
      const typing = data as { sender: { type: string } };
      return typing.sender.type === 'user' ? data : null;
    }
    default:
      return null;
  }
}

/**
 * The frame a client may see for an event, or null when the event is not for it; the payload must be
 * open (openedPayload). The same bytes go to every socket of the same audience.
 */
function frameFor(platform: Platform, client: TClient, event: TStoredEvent, open: TOpened): Buffer | null {
  const { data } = open;
  if (client.kind === 'visitor' && event.contactId !== client.contactId) {
    return null;
  }
  let frames = framesOf.get(event);
  if (!frames) {
    frames = {};
    framesOf.set(event, frames);
  }
  if (client.kind === 'agent') {
    if (!event.forAgents) {
      return null;
    }
    if (event.type === 'notification.created' && (data as { userId: string }).userId !== client.userId) {
      return null;
    }
    if (frames.agent === undefined) {
      if (event.type === 'message.created' && (data as TMessageView).kind === 'incoming') {
        markDeliveredSoon(platform, event, data as TMessageView);
      }
      frames.agent = Buffer.from(frameAround(event, open.json));
    }
    return frames.agent;
  }
  if (frames.visitor === undefined) {
    const shown = visitorData(platform, event, data);
    frames.visitor = shown === null ? null : Buffer.from(frameText(event, shown));
  }
  return frames.visitor;
}

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

export type TPresence = 'online' | 'away' | 'offline';

/**
 * This process's part of presence: how many sockets each agent has open here and who said they are
 * away (`workspace:user`). The hub's presence store adds up every process's part.
 */
type TLocalPresence = { sockets: Map<string, number>; away: Set<string>; turns: Map<string, Promise<void>> };
const localPresence = new WeakMap<Platform, TLocalPresence>();

function localPresenceOf(platform: Platform): TLocalPresence {
  let local = localPresence.get(platform);
  if (!local) {
    local = { sockets: new Map(), away: new Set(), turns: new Map() };
    localPresence.set(platform, local);
  }
  return local;
}

/**
 * Stores this process's status for the agent, then tells every socket the agent's status overall
 * (online on any process wins, then away, else offline). One agent's updates run one after another.
 */
function updatePresence(platform: Platform, workspaceId: string, userId: string): void {
  const local = localPresenceOf(platform);
  const key = `${workspaceId}:${userId}`;
  const run = async () => {
    const mine = (local.sockets.get(key) ?? 0) > 0 ? (local.away.has(key) ? 'away' : 'online') : null;
    await platform.hub.presence.set(workspaceId, userId, mine);
    const status: TPresence = (await platform.hub.presence.list(workspaceId))[userId] ?? 'offline';
    await publishEphemeral(
      { platform, workspaceId },
      { type: 'presence', conversationId: null, contactId: null, data: { userId, status } },
    );
  };
  const turn = (local.turns.get(key) ?? Promise.resolve())
    .then(run)
    .catch((err) => platform.log.warn({ err }, 'could not update presence'));
  local.turns.set(key, turn);
  void turn.then(() => {
    if (local.turns.get(key) === turn) {
      local.turns.delete(key);
    }
  });
}

/**
 * Serves one socket. Frames that arrive before the client is set up (a `resume` sent right after
 * connecting) are kept and handled in order once it is.
 */
function runClient(
  platform: Platform,
  socket: WebSocket,
  client: TClient,
  opts: { pingMs: number; early: RawData[] },
) {
  // Frames written in the same tick leave in one write to the network (the feed hands out a whole
  // batch of events at once).
  const tcp = (socket as unknown as { _socket?: { cork: () => void; uncork: () => void } })._socket;
  let isCorked = false;
  const sendText = (text: string | Buffer) => {
    if (socket.readyState !== socket.OPEN) {
      return;
    }
    if (tcp && !isCorked) {
      isCorked = true;
      tcp.cork();
      process.nextTick(() => {
        isCorked = false;
        tcp.uncork();
      });
    }
    // A frame shared by many sockets is encoded once: sent as the same bytes, as a text frame.
    socket.send(text, { binary: false });
  };
  const send = (frame: unknown) => sendText(JSON.stringify(frame));
  let isLive = false;
  let isClosed = false;
  let buffer: TStoredEvent[] = [];
  let highest = 0;
  let chain: Promise<void> = Promise.resolve();
  let chained = 0;
  let unsubscribe: (() => void) | null = null;

  /** Runs `step` after everything queued before it, in order. */
  const later = (step: () => void | Promise<void>) => {
    chained += 1;
    chain = chain
      .then(step)
      .catch((err) => platform.log.warn({ err }, 'could not deliver a realtime event'))
      .finally(() => {
        chained -= 1;
      });
  };

  const deliverOpened = (event: TStoredEvent, open: TOpened) => {
    if (event.seq !== null) {
      if (event.seq <= highest) {
        return;
      }
      highest = event.seq;
    }
    const text = frameFor(platform, client, event, open);
    if (text !== null) {
      sendText(text);
    }
  };

  const deliver = (event: TStoredEvent) => {
    const open = openedPayload(event);
    if (open && chained === 0) {
      // Nothing waiting before it: send now, in this tick.
      try {
        deliverOpened(event, open);
      } catch (err) {
        platform.log.warn({ err }, 'could not deliver a realtime event');
      }
      return;
    }
    later(async () => deliverOpened(event, await openPayload(platform, event)));
  };

  const onEvent = (event: TStoredEvent) => {
    // Most events of a busy workspace concern other visitors: drop those here, before any work.
    if (client.kind === 'visitor' && event.contactId !== client.contactId) {
      return;
    }
    if (isLive || event.seq === null) {
      deliver(event);
    } else {
      buffer.push(event);
    }
  };

  let hasResumed = false;
  const goLive = async (lastSeq: number | null) => {
    if (hasResumed) {
      return;
    }
    hasResumed = true;
    try {
      // Everything after `cursor` reaches us through the feed, in order; the log covers the rest.
      const subscription = await subscribeToWorkspace(
        platform,
        client.scope.workspaceId,
        onEvent,
        client.kind === 'visitor' ? client.contactId : null,
      );
      if (isClosed) {
        subscription.unsubscribe();
        return;
      }
      unsubscribe = subscription.unsubscribe;
      const { cursor } = subscription;
      if (lastSeq === null) {
        highest = cursor;
      } else if (lastSeq >= cursor) {
        highest = lastSeq;
      } else {
        const missed = await eventsBetween(
          client.scope,
          lastSeq,
          cursor,
          client.kind === 'visitor' ? client.contactId : undefined,
        );
        if (missed.isComplete) {
          highest = lastSeq;
          for (const event of missed.events) {
            deliver(event);
          }
          // Events up to the cursor that this client may not see still count as seen.
          later(() => {
            highest = Math.max(highest, cursor);
          });
        } else {
          // Too old to replay: the client reloads what it shows, then continues live from here.
          highest = cursor;
          later(() => send({ type: 'resync' }));
        }
      }
      isLive = true;
      for (const event of buffer) {
        deliver(event);
      }
      buffer = [];
      later(() => send({ type: 'ready', lastSeq: highest }));
    } catch (err) {
      platform.log.warn({ err }, 'could not resume a realtime client');
      socket.close(1011, 'resume failed');
    }
  };
  const resumeTimer = setTimeout(() => void goLive(null), RESUME_WAIT_MS);

  // Flood control and heartbeats.
  let frames = 0;
  let windowStart = Date.now();
  const lastTyping = new Map<string, number>();
  // Two pings in a row without a pong: the peer is gone (one may be late under load).
  let missedPongs = 0;
  socket.on('pong', () => {
    missedPongs = 0;
  });
  const heartbeat = setInterval(() => {
    if (missedPongs >= 2) {
      socket.terminate();
      return;
    }
    missedPongs += 1;
    socket.ping();
  }, opts.pingMs);

  const onFrame = (raw: RawData) => {
    if (socket.readyState !== socket.OPEN) {
      // Closing (its rights ended, say): nothing it sends counts any more.
      return;
    }
    const now = Date.now();
    if (now - windowStart > FLOOD_WINDOW_MS) {
      windowStart = now;
      frames = 0;
    }
    frames += 1;
    if (frames > FLOOD_MAX_FRAMES) {
      socket.close(CLOSE_FLOOD, 'too many frames');
      return;
    }
    let frame: {
      type?: unknown;
      lastSeq?: unknown;
      conversationId?: unknown;
      isTyping?: unknown;
      isPrivate?: unknown;
    };
    try {
      frame = JSON.parse(String(raw));
    } catch {
      frame = null as unknown as typeof frame;
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      send({ type: 'error', code: 'invalid_json', message: 'Frames are JSON objects' });
      return;
    }
    switch (frame.type) {
      case 'resume': {
        clearTimeout(resumeTimer);
        const lastSeq =
          typeof frame.lastSeq === 'number' && frame.lastSeq >= 0 ? Math.floor(frame.lastSeq) : null;
        void goLive(lastSeq);
        break;
      }
      case 'ping':
        send({ type: 'pong' });
        break;
      case 'presence': {
        // The dashboard reports "away" after a few minutes without activity, "online" when it returns.
        const status = (frame as { status?: unknown }).status;
        if (client.kind !== 'agent' || !client.userId || (status !== 'online' && status !== 'away')) {
          send({
            type: 'error',
            code: 'validation_failed',
            message: 'presence is "online" or "away", for agents',
          });
          return;
        }
        const { away } = localPresenceOf(platform);
        const key = `${client.scope.workspaceId}:${client.userId}`;
        const wasAway = away.has(key);
        if (status === 'away') {
          away.add(key);
        } else {
          away.delete(key);
        }
        if (wasAway !== (status === 'away')) {
          updatePresence(platform, client.scope.workspaceId, client.userId);
        }
        break;
      }
      case 'typing': {
        if (
          typeof frame.conversationId !== 'string' ||
          typeof frame.isTyping !== 'boolean' ||
          (frame.isPrivate !== undefined && typeof frame.isPrivate !== 'boolean')
        ) {
          send({
            type: 'error',
            code: 'validation_failed',
            message: 'typing needs conversationId and isTyping (and isPrivate, when given, is a boolean)',
          });
          return;
        }
        const key = `${frame.conversationId}:${frame.isTyping}`;
        if (frame.isTyping && now - (lastTyping.get(key) ?? 0) < TYPING_MIN_INTERVAL_MS) {
          return;
        }
        lastTyping.set(key, now);
        const ctx =
          client.kind === 'visitor'
            ? client.visitor
            : {
                platform,
                actor: client.userId ? { kind: 'user' as const, userId: client.userId, sessionId: '' } : null,
                workspaceId: client.scope.workspaceId,
                role: null,
                csrfToken: null,
              };
        publishTyping(ctx, frame.conversationId, frame.isTyping, {
          senderName: client.kind === 'agent' ? client.name : undefined,
          // An agent writing a note: the team is told, never the visitor.
          isPrivate: client.kind === 'agent' && frame.isPrivate === true,
        }).catch((err) => platform.log.warn({ err }, 'could not publish typing'));
        break;
      }
      default:
        send({ type: 'error', code: 'unknown_frame', message: 'Unknown frame type' });
    }
  };
  // Before any frame is handled: a socket whose rights were revoked while it connected ends here.
  const unregister = registerSocket(platform, client.holders, client.credentialsReadAt, (reason) => {
    if (reason === 'access_ended') {
      socket.close(CLOSE_UNAUTHENTICATED, 'access ended');
    } else {
      socket.close(CLOSE_RIGHTS_CHANGED, 'rights changed');
    }
  });
  socket.on('message', onFrame);
  for (const raw of opts.early.splice(0)) {
    onFrame(raw);
  }

  if (client.kind === 'agent' && client.userId) {
    const { sockets } = localPresenceOf(platform);
    const key = `${client.scope.workspaceId}:${client.userId}`;
    const count = (sockets.get(key) ?? 0) + 1;
    sockets.set(key, count);
    if (count === 1) {
      updatePresence(platform, client.scope.workspaceId, client.userId);
    }
  }

  socket.on('close', () => {
    isClosed = true;
    unregister();
    clearTimeout(resumeTimer);
    clearInterval(heartbeat);
    unsubscribe?.();
    if (client.kind === 'agent' && client.userId) {
      const { sockets, away } = localPresenceOf(platform);
      const key = `${client.scope.workspaceId}:${client.userId}`;
      const count = (sockets.get(key) ?? 1) - 1;
      if (count <= 0) {
        sockets.delete(key);
        away.delete(key);
        updatePresence(platform, client.scope.workspaceId, client.userId);
      } else {
        sockets.set(key, count);
      }
    }
  });
}

function isSameOrigin(platform: Platform, request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) {
    return true;
  }
  try {
    return (
      new URL(origin).origin === new URL(platform.config.publicUrl).origin ||
      new URL(origin).host === request.headers.host
    );
  } catch {
    return false;
  }
}

/** Holds frames that arrive while the connection is still being authenticated. */
function keepEarlyFrames(socket: WebSocket) {
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

export async function socketRoutes(app: App, platform: Platform) {
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  const pingMs = platform.config.REALTIME_PING_MS;
  const stopWatching = watchRevocations(platform);
  app.addHook('onClose', async () => stopWatching());

  app.get(
    '/api/v1/presence',
    {
      schema: {
        tags: ['Realtime'],
        summary: 'Agents online or away (others are offline); changes arrive as presence frames',
        response: {
          200: z.object({
            items: z.array(z.object({ userId: z.string(), status: z.enum(['online', 'away']) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { ctx } = request;
      requireAgent(ctx);
      const items = Object.entries(await platform.hub.presence.list(ctx.workspaceId)).map(
        ([userId, status]) => ({ userId, status }),
      );
      return { items };
    },
  );

  app.get('/api/v1/ws', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const early = keepEarlyFrames(socket);
    const { ctx } = request;
    // A page on another site must not ride the agent's cookie into the socket.
    if (!isSameOrigin(platform, request)) {
      socket.close(CLOSE_POLICY, 'origin not allowed');
      return;
    }
    if (!ctx.actor || !ctx.workspaceId || ctx.actor.kind === 'visitor') {
      socket.close(CLOSE_UNAUTHENTICATED, 'sign in first');
      return;
    }
    const actor = ctx.actor;
    const workspaceId = ctx.workspaceId;
    const userId = actor.kind === 'user' ? actor.userId : null;
    const holders: TSocketHolder[] =
      actor.kind === 'user'
        ? [
            { kind: 'session', sessionId: actor.sessionId },
            { kind: 'member', workspaceId, userId: actor.userId },
          ]
        : // A token speaks for its creator: their removal or change of role reaches its sockets too.
          [
            { kind: 'api_token', tokenId: actor.tokenId },
            { kind: 'member', workspaceId, userId: actor.createdBy },
          ];
    const name = userId ? ((await findUserById(platform.db, userId))?.name ?? 'Agent') : 'API';
    if (socket.readyState !== socket.OPEN) {
      // Gone while we looked: nothing to serve, nothing to keep.
      return;
    }
    runClient(
      platform,
      socket,
      {
        kind: 'agent',
        scope: { platform, workspaceId },
        userId,
        name,
        holders,
        credentialsReadAt: request.authenticatedAt,
      },
      { pingMs, early: early.stop() },
    );
  });

  app.get('/api/widget/v1/ws', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const early = keepEarlyFrames(socket);
    const token = (request.query as { token?: string }).token;
    const credentialsReadAt = Date.now();
    const visitor = token ? await resolveVisitor(platform, token) : null;
    if (!visitor) {
      socket.close(CLOSE_UNAUTHENTICATED, 'unknown visitor token');
      return;
    }
    if (socket.readyState !== socket.OPEN) {
      return;
    }
    runClient(
      platform,
      socket,
      {
        kind: 'visitor',
        scope: { platform, workspaceId: visitor.workspaceId },
        contactId: visitor.actor.contactId,
        visitor,
        holders: [
          { kind: 'visitor', visitorId: visitor.actor.visitorId },
          { kind: 'contact', workspaceId: visitor.workspaceId, contactId: visitor.actor.contactId },
          { kind: 'inbox', workspaceId: visitor.workspaceId, inboxId: visitor.actor.inboxId },
        ],
        credentialsReadAt,
      },
      { pingMs, early: early.stop() },
    );
  });
}
