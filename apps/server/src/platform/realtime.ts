import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** An event as it travels between processes: the payload stays sealed until a socket needs it. */
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

type TListener = (event: TStoredEvent) => void;

/**
 * Fan-out of events to the sockets of this process. With Redis, every process publishes to one channel
 * and delivers what it receives, so sockets on any process get every event; without Redis, in-process.
 */
export type Hub = {
  publish: (events: TStoredEvent[]) => Promise<void>;
  subscribe: (workspaceId: string, listener: TListener) => () => void;
  close: () => Promise<void>;
  ping: () => Promise<void>;
  mode: 'memory' | 'redis';
};

const CHANNEL = 'parley:events';

export async function createHub(opts: { redisUrl?: string | undefined; log: Logger }): Promise<Hub> {
  const listeners = new Map<string, Set<TListener>>();

  function deliver(event: TStoredEvent) {
    const set = listeners.get(event.workspaceId);
    if (!set) {
      return;
    }
    for (const listener of set) {
      try {
        listener(event);
      } catch (err) {
        opts.log.error({ err }, 'realtime listener failed');
      }
    }
  }

  const subscribe = (workspaceId: string, listener: TListener) => {
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
      publish: async (events) => {
        for (const e of events) {
          deliver(e);
        }
      },
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
      for (const e of JSON.parse(raw) as TStoredEvent[]) {
        deliver(e);
      }
    } catch (err) {
      opts.log.error({ err }, 'malformed realtime message from redis');
    }
  });
  return {
    mode: 'redis',
    publish: async (events) => {
      if (events.length > 0) {
        await pub.publish(CHANNEL, JSON.stringify(events));
      }
    },
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
