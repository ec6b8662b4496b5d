import type { TTypingData as TypingData } from '@parley/shared/realtime';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { isUnauthenticated } from './api-error';
import { upsertConversation, upsertMessage } from './conversation-cache';
import { keys, WORKSPACE_INDEPENDENT_KEYS } from './keys';
import { type Notification, receiveNotification } from './notifications';
import { type PresenceChange, presenceQuery, receivePresence } from './presence';
import { resetWorkspaceQueries, sessionQuery } from './session';
import type { Conversation, Message } from './types';

// One WebSocket per tab to /api/v1/ws (session cookie). Events carry a per-workspace `seq`; after a
// reconnect the socket resumes from the last one seen, so nothing is missed and nothing refetched.
// Each event is written into the TanStack Query caches that show it. Typing and presence are
// ephemeral: typing lives in small stores here, presence in its query (api/presence.ts).

export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting';

type Frame = {
  type?: unknown;
  seq?: unknown;
  lastSeq?: unknown;
  data?: unknown;
};

/** A teammate writing in a conversation: a reply, or a private note. */
export type TypingAgent = { userId: string; name: string; isPrivate: boolean };

/** What the socket brought that may call for the agent's attention (see features/notifications). */
export type AttentionEvent =
  | { type: 'message.created'; data: Message }
  | { type: 'notification.created'; data: Notification };

export type MyPresence = 'online' | 'away';

/** The server closed the socket: not signed in, or the session was signed out or revoked meanwhile. */
const CLOSE_UNAUTHENTICATED = 4001;
/** The server closed the socket because the agent's rights changed (role, membership): reconnect. */
const CLOSE_RIGHTS_CHANGED = 4010;
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
const HEARTBEAT_MS = 25_000;
/** No frame (not even a pong) for this long: the connection is dead even if the browser hasn't noticed. */
const SILENCE_LIMIT_MS = 60_000;
/** Typing that was never followed by `isTyping: false` fades after this. */
const TYPING_TIMEOUT_MS = 8_000;
/** Conversation events come in bursts (a message updates its conversation too): one count refresh per burst. */
const COUNTS_REFRESH_MS = 400;

// ── Small external stores read with useSyncExternalStore ───────────────────────────────────────

function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next: T) => {
      if (next !== value) {
        value = next;
        for (const listener of listeners) {
          listener();
        }
      }
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const statusStore = createStore<RealtimeStatus>('connecting');
/** Conversations whose visitor is typing right now. */
const typingStore = createStore<ReadonlySet<string>>(new Set());
const typingTimers = new Map<string, number>();

function setVisitorTyping(conversationId: string, isTyping: boolean) {
  window.clearTimeout(typingTimers.get(conversationId));
  typingTimers.delete(conversationId);
  const current = typingStore.get();
  if (isTyping) {
    typingTimers.set(
      conversationId,
      window.setTimeout(() => setVisitorTyping(conversationId, false), TYPING_TIMEOUT_MS),
    );
    if (!current.has(conversationId)) {
      typingStore.set(new Set(current).add(conversationId));
    }
  } else if (current.has(conversationId)) {
    const next = new Set(current);
    next.delete(conversationId);
    typingStore.set(next);
  }
}

const NO_AGENTS: readonly TypingAgent[] = [];
/** Teammates typing, by conversation. */
const agentTypingStore = createStore<Readonly<Record<string, readonly TypingAgent[]>>>({});
const agentTypingTimers = new Map<string, number>();

function setAgentTyping(conversationId: string, agent: TypingAgent, isTyping: boolean) {
  const timerKey = `${conversationId}:${agent.userId}`;
  window.clearTimeout(agentTypingTimers.get(timerKey));
  agentTypingTimers.delete(timerKey);
  const current = agentTypingStore.get()[conversationId] ?? NO_AGENTS;
  const others = current.filter((item) => item.userId !== agent.userId);
  if (isTyping) {
    agentTypingTimers.set(
      timerKey,
      window.setTimeout(() => setAgentTyping(conversationId, agent, false), TYPING_TIMEOUT_MS),
    );
    const existing = current.find((item) => item.userId === agent.userId);
    if (existing?.isPrivate === agent.isPrivate && existing.name === agent.name) {
      return;
    }
    agentTypingStore.set({ ...agentTypingStore.get(), [conversationId]: [...others, agent] });
  } else if (others.length !== current.length) {
    const next = { ...agentTypingStore.get() };
    if (others.length === 0) {
      delete next[conversationId];
    } else {
      next[conversationId] = others;
    }
    agentTypingStore.set(next);
  }
}

function clearAllTyping() {
  for (const timer of [...typingTimers.values(), ...agentTypingTimers.values()]) {
    window.clearTimeout(timer);
  }
  typingTimers.clear();
  agentTypingTimers.clear();
  typingStore.set(new Set());
  agentTypingStore.set({});
}

const attentionListeners = new Set<(event: AttentionEvent) => void>();

/** The agent's own status as this tab reports it; sent again after every reconnect. */
let myPresence: MyPresence | null = null;

// ── The connection ──────────────────────────────────────────────────────────────────────────────

function socketUrl(): string {
  const url = new URL('/api/v1/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

class RealtimeConnection {
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private retryTimer: number | undefined;
  private heartbeatTimer: number | undefined;
  private lastFrameAt = 0;
  private hasBeenLive = false;
  private isStopped = false;
  private countsTimer: number | undefined;
  /** Between the `ready` frame and the socket's end: frames can be sent. */
  private isLive = false;

  constructor(
    private readonly client: QueryClient,
    readonly workspaceId: string,
    /** The signed-in agent: their own typing echoes back and is not shown to them. */
    private readonly myUserId: string | null,
  ) {}

  /** Sends the agent's status once the socket is live (the `ready` frame sends it otherwise). */
  sendPresence() {
    if (this.isLive && myPresence && this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'presence', status: myPresence }));
    }
  }

  start() {
    window.addEventListener('online', this.reconnectNow);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.connect();
  }

  stop() {
    this.isStopped = true;
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.heartbeatTimer);
    window.clearTimeout(this.countsTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'leaving');
    clearAllTyping();
  }

  private connect() {
    if (this.isStopped) {
      return;
    }
    statusStore.set(this.hasBeenLive ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(socketUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.lastFrameAt = Date.now();
      // Without a last seq the server starts from now; with one it first replays what was missed.
      socket.send(
        JSON.stringify(
          this.lastSeq === null ? { type: 'resume' } : { type: 'resume', lastSeq: this.lastSeq },
        ),
      );
      window.clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = window.setInterval(() => this.heartbeat(socket), HEARTBEAT_MS);
    });
    socket.addEventListener('message', (event) => {
      this.lastFrameAt = Date.now();
      let frame: Frame;
      try {
        frame = JSON.parse(String(event.data)) as Frame;
      } catch {
        return;
      }
      this.handle(frame);
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) {
        return;
      }
      this.socket = null;
      this.isLive = false;
      window.clearInterval(this.heartbeatTimer);
      clearAllTyping();
      if (event.code === CLOSE_UNAUTHENTICATED || event.code === CLOSE_RIGHTS_CHANGED) {
        void this.afterRightsEnded();
        return;
      }
      this.scheduleReconnect();
    });
  }

  /**
   * The server ended the socket over the agent's rights. What the session grants now decides: signed
   * out, the shell shows sign-in and nothing reconnects; moved to another workspace (removed from this
   * one), the shell opens that workspace's connection; same workspace, the screens are read again with
   * the new rights and this socket reconnects.
   */
  private async afterRightsEnded() {
    statusStore.set('reconnecting');
    let workspaceId: string | null;
    try {
      workspaceId = (await this.client.fetchQuery({ ...sessionQuery, staleTime: 0 })).workspace?.id ?? null;
    } catch (error) {
      if (!isUnauthenticated(error)) {
        // The session could not be read (network): try again later, like any lost connection.
        this.scheduleReconnect();
      }
      return;
    }
    if (this.isStopped) {
      return;
    }
    if (workspaceId !== this.workspaceId) {
      await resetWorkspaceQueries(this.client);
      return;
    }
    void this.client.invalidateQueries({
      predicate: (query) => !WORKSPACE_INDEPENDENT_KEYS.has(String(query.queryKey[0])),
    });
    this.scheduleReconnect();
  }

  private heartbeat(socket: WebSocket) {
    if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) {
      socket.close(4000, 'silent');
      // `close` fires later (or never, on a dead network); reconnect now.
      if (socket === this.socket) {
        this.socket = null;
        this.isLive = false;
        window.clearInterval(this.heartbeatTimer);
        this.scheduleReconnect();
      }
      return;
    }
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'ping' }));
    }
  }

  private scheduleReconnect() {
    if (this.isStopped) {
      return;
    }
    statusStore.set(this.hasBeenLive ? 'reconnecting' : 'connecting');
    const base = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** this.attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt += 1;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  /** Back online or back to the tab: don't wait out the backoff. */
  private readonly reconnectNow = () => {
    if (this.socket === null && !this.isStopped) {
      window.clearTimeout(this.retryTimer);
      this.attempt = 0;
      this.connect();
    }
  };

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'visible') {
      this.reconnectNow();
    }
  };

  private handle(frame: Frame) {
    if (frame.type === 'ready') {
      const isFirst = this.lastSeq === null;
      if (typeof frame.lastSeq === 'number' && (this.lastSeq === null || frame.lastSeq > this.lastSeq)) {
        this.lastSeq = frame.lastSeq;
      }
      this.attempt = 0;
      this.hasBeenLive = true;
      this.isLive = true;
      statusStore.set('live');
      if (isFirst) {
        this.refreshReadsFromBeforeLive(Date.now());
      }
      // Presence is not replayed: reread who is online, and say again where this agent is (a new
      // socket counts as online).
      this.client.fetchQuery({ ...presenceQuery, staleTime: 0 }).catch(() => {
        // Shown as offline until the next reconnect or presence frame; not worth an error on screen.
      });
      this.sendPresence();
      return;
    }
    if (frame.type === 'resync') {
      // Away too long for a replay (the event log was pruned): reload what is on screen instead.
      this.refreshReadsFromBeforeLive(Number.POSITIVE_INFINITY);
      return;
    }
    if (typeof frame.seq === 'number') {
      if (this.lastSeq !== null && frame.seq <= this.lastSeq) {
        return;
      }
      this.lastSeq = frame.seq;
    }
    switch (frame.type) {
      case 'message.created':
      case 'message.updated': {
        const message = frame.data as Message;
        upsertMessage(this.client, message);
        if (message.kind === 'incoming') {
          setVisitorTyping(message.conversationId, false);
        } else if (message.sender.type === 'user' && message.sender.id) {
          setAgentTyping(
            message.conversationId,
            { userId: message.sender.id, name: message.sender.name ?? '', isPrivate: false },
            false,
          );
        }
        if (frame.type === 'message.created') {
          this.notify({ type: 'message.created', data: message });
        }
        break;
      }
      case 'conversation.created':
      case 'conversation.updated':
        upsertConversation(this.client, frame.data as Conversation);
        this.refreshCountsSoon();
        break;
      case 'notification.created':
        receiveNotification(this.client, frame.data as Notification);
        this.notify({ type: 'notification.created', data: frame.data as Notification });
        break;
      case 'presence':
        receivePresence(this.client, frame.data as PresenceChange);
        break;
      case 'typing': {
        const typing = frame.data as TypingData;
        if (typeof typing.conversationId !== 'string') {
          break;
        }
        if (typing.sender?.type === 'contact') {
          setVisitorTyping(typing.conversationId, typing.isTyping === true);
        } else if (typing.sender?.type === 'user' && typing.sender.id && typing.sender.id !== this.myUserId) {
          setAgentTyping(
            typing.conversationId,
            {
              userId: typing.sender.id,
              name: typing.sender.name || 'A teammate',
              isPrivate: typing.isPrivate === true,
            },
            typing.isTyping === true,
          );
        }
        break;
      }
      default:
        break;
    }
  }

  private notify(event: AttentionEvent) {
    for (const listener of attentionListeners) {
      listener(event);
    }
  }

  /**
   * The view counts can't be worked out from one conversation (its earlier state may not be
   * loaded), so they are reread, once for a burst of events.
   */
  private refreshCountsSoon() {
    if (this.countsTimer !== undefined) {
      return;
    }
    this.countsTimer = window.setTimeout(() => {
      this.countsTimer = undefined;
      void this.client.invalidateQueries({ queryKey: keys.conversationCounts });
    }, COUNTS_REFRESH_MS);
  }

  /**
   * The first connection starts from "now", so conversation data fetched before it went live may
   * have missed an event in between; only those reads are refreshed, once. (After a `resync`, all.)
   */
  private refreshReadsFromBeforeLive(liveAt: number) {
    void this.client.invalidateQueries({
      predicate: (query) =>
        ['conversations', 'conversation-counts', 'conversation', 'messages', 'notifications'].includes(
          String(query.queryKey[0]),
        ) &&
        query.state.dataUpdatedAt > 0 &&
        query.state.dataUpdatedAt < liveAt,
    });
  }
}

let connection: RealtimeConnection | null = null;

/**
 * Keeps the tab's one realtime connection open for the current workspace (call it once, in the
 * app shell). Switching workspace reconnects; leaving the app closes it.
 */
export function useRealtime(workspaceId: string | null, myUserId: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!workspaceId) {
      return;
    }
    connection?.stop();
    const current = new RealtimeConnection(client, workspaceId, myUserId);
    connection = current;
    current.start();
    return () => {
      current.stop();
      if (connection === current) {
        connection = null;
      }
    };
  }, [client, workspaceId, myUserId]);
}

export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(statusStore.subscribe, statusStore.get);
}

/** Whether the visitor of this conversation is typing (from the socket's typing frames). */
export function useVisitorTyping(conversationId: string): boolean {
  return useSyncExternalStore(typingStore.subscribe, () => typingStore.get().has(conversationId));
}

/** Teammates typing in this conversation (never the agent themself), in the order they started. */
export function useAgentsTyping(conversationId: string): readonly TypingAgent[] {
  return useSyncExternalStore(
    agentTypingStore.subscribe,
    () => agentTypingStore.get()[conversationId] ?? NO_AGENTS,
  );
}

/** Tells the team where this agent is: now if connected, and again after every reconnect. */
export function reportPresence(status: MyPresence): void {
  if (myPresence !== status) {
    myPresence = status;
    connection?.sendPresence();
  }
}

/** Calls `listener` for each new message and each of the agent's own notifications, live. */
export function subscribeToAttention(listener: (event: AttentionEvent) => void): () => void {
  attentionListeners.add(listener);
  return () => {
    attentionListeners.delete(listener);
  };
}
