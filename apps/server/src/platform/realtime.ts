import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** An event as sockets receive it: the payload stays sealed until a socket needs it. */
export type TStoredEvent = {
  workspaceId: string;
  /** Null for ephemeral events (typing, presence), which are never stored. */
  seq: number | null;
  type: string;
  conversationId: string | null;
  /** The contact whose visitor sockets may receive the event; null for agents only. */
  contactId: string | null;
  payloadSealed: string;
};

type THubMessage = { kind: 'poke'; workspaceId: string } | { kind: 'ephemeral'; event: TStoredEvent };
export type THubListener = { onPoke: () => void; onEphemeral: (event: TStoredEvent) => void };

/**
 * Signals between server processes. Stored events are not sent through the hub: a commit "pokes" its
 * workspace, and each process reads the new events from the log in order. Only ephemeral events
 * (typing, presence) travel whole. With Redis every process hears every signal; without, in-process.
 */
export type Hub = {
  poke: (workspaceId: string) => Promise<void>;
  publishEphemeral: (event: TStoredEvent) => Promise<void>;
  subscribe: (workspaceId: string, listener: THubListener) => () => void;
  close: () => Promise<void>;
  ping: () => Promise<void>;
  mode: 'memory' | 'redis';
};

const CHANNEL = 'parley:realtime';

export async function createHub(opts: { redisUrl?: string | undefined; log: Logger }): Promise<Hub> {
  const listeners = new Map<string, Set<THubListener>>();

  function dispatch(message: THubMessage) {
    const workspaceId = message.kind === 'poke' ? message.workspaceId : message.event.workspaceId;
    for (const listener of listeners.get(workspaceId) ?? []) {
      try {
        if (message.kind === 'poke') {
          listener.onPoke();
        } else {
          listener.onEphemeral(message.event);
        }
      } catch (err) {
        opts.log.error({ err }, 'realtime listener failed');
      }
    }
  }

  const subscribe = (workspaceId: string, listener: THubListener) => {
    let set = listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      listeners.set(workspaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        listeners.delete(workspaceId);
      }
    };
  };

  if (!opts.redisUrl) {
    return {
      mode: 'memory',
      poke: async (workspaceId) => dispatch({ kind: 'poke', workspaceId }),
      publishEphemeral: async (event) => dispatch({ kind: 'ephemeral', event }),
      subscribe,
      close: async () => {},
      ping: async () => {},
    };
  }

  const pub = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(opts.redisUrl, { lazyConnect: true });
  for (const client of [pub, sub]) {
    client.on('error', (err) => opts.log.warn({ err }, 'redis connection error'));
  }
  await pub.connect();
  await sub.connect();
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, raw: string) => {
    try {
      dispatch(JSON.parse(raw) as THubMessage);
    } catch (err) {
      opts.log.error({ err }, 'malformed realtime message from redis');
    }
  });
  const send = async (message: THubMessage) => {
    await pub.publish(CHANNEL, JSON.stringify(message));
  };
  return {
    mode: 'redis',
    poke: (workspaceId) => send({ kind: 'poke', workspaceId }),
    publishEphemeral: (event) => send({ kind: 'ephemeral', event }),
    subscribe,
    close: async () => {
      sub.disconnect();
      pub.disconnect();
    },
    ping: async () => {
      await pub.ping();
    },
  };
}
