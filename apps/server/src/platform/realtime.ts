import { randomUUID } from 'node:crypto';
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
  /** False when agent sockets do not need the event (only the contact's visitors do). */
  forAgents: boolean;
  payloadSealed: string;
};

/**
 * Whose sockets a revocation ends: every socket opened with that session, membership, API token,
 * visitor (its token), contact or inbox (its widget's visitors), on any process.
 */
export type TSocketHolder =
  | { kind: 'session'; sessionId: string }
  | { kind: 'member'; workspaceId: string; userId: string }
  | { kind: 'api_token'; tokenId: string }
  | { kind: 'visitor'; visitorId: string }
  | { kind: 'contact'; workspaceId: string; contactId: string }
  | { kind: 'inbox'; workspaceId: string; inboxId: string };

/**
 * `access_ended`: the credentials no longer work (signed out, session or token revoked, widget reset);
 * the client must not come back with them. `rights_changed`: they still work but grant something else
 * (another role, no longer a member of that workspace, another contact); the client reconnects and is
 * scoped again.
 */
export type TSocketEnd = 'access_ended' | 'rights_changed';
export type TRevocation = { holders: TSocketHolder[]; reason: TSocketEnd };

type THubMessage =
  | { kind: 'poke'; workspaceId: string; lastSeq?: number }
  | { kind: 'ephemeral'; event: TStoredEvent }
  | { kind: 'revoke'; revocation: TRevocation; id?: string };
/** `onPoke`: events up to `lastSeq` are committed (unknown how far when it is left out). */
export type THubListener = { onPoke: (lastSeq?: number) => void; onEphemeral: (event: TStoredEvent) => void };

/**
 * Signals between server processes. Stored events are not sent through the hub: a commit "pokes" its
 * workspace, and each process reads the new events from the log in order. Only ephemeral events
 * (typing, presence) travel whole. With Redis every process hears every signal; without, in-process.
 */
export type TAgentPresence = 'online' | 'away';

/**
 * Each process's part of the agents' presence (agents with a socket on it, and whether they said they
 * are away), shared so that every process answers for all of them.
 */
export type PresenceStore = {
  /** This process's status for the agent; null once the agent has no socket on it. */
  set: (workspaceId: string, userId: string, status: TAgentPresence | null) => Promise<void>;
  /** Agents online or away on any live process (online wins); the others are offline. */
  list: (workspaceId: string) => Promise<Record<string, TAgentPresence>>;
};

export type Hub = {
  /** Tells every process that the workspace's events up to `lastSeq` are committed. */
  poke: (workspaceId: string, lastSeq?: number) => Promise<void>;
  publishEphemeral: (event: TStoredEvent) => Promise<void>;
  subscribe: (workspaceId: string, listener: THubListener) => () => void;
  /**
   * Tells every process to end the sockets of these holders. Sent on the same channel as pokes, so a
   * process ends them before it hears of any event committed after the revocation.
   */
  revoke: (revocation: TRevocation) => Promise<void>;
  onRevoke: (listener: (revocation: TRevocation) => void) => () => void;
  presence: PresenceStore;
  close: () => Promise<void>;
  ping: () => Promise<void>;
  mode: 'memory' | 'redis';
};

const CHANNEL = 'parley:realtime';

export async function createHub(opts: { redisUrl?: string | undefined; log: Logger }): Promise<Hub> {
  const listeners = new Map<string, Set<THubListener>>();
  const revokeListeners = new Set<(revocation: TRevocation) => void>();

  function dispatch(message: THubMessage) {
    if (message.kind === 'revoke') {
      for (const listener of revokeListeners) {
        try {
          listener(message.revocation);
        } catch (err) {
          opts.log.error({ err }, 'realtime revocation listener failed');
        }
      }
      return;
    }
    const workspaceId = message.kind === 'poke' ? message.workspaceId : message.event.workspaceId;
    for (const listener of listeners.get(workspaceId) ?? []) {
      try {
        if (message.kind === 'poke') {
          listener.onPoke(message.lastSeq);
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

  const onRevoke = (listener: (revocation: TRevocation) => void) => {
    revokeListeners.add(listener);
    return () => {
      revokeListeners.delete(listener);
    };
  };

  if (!opts.redisUrl) {
    return {
      mode: 'memory',
      poke: async (workspaceId, lastSeq) => dispatch({ kind: 'poke', workspaceId, lastSeq }),
      publishEphemeral: async (event) => dispatch({ kind: 'ephemeral', event }),
      subscribe,
      revoke: async (revocation) => dispatch({ kind: 'revoke', revocation }),
      onRevoke,
      presence: memoryPresence(),
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
      const message = JSON.parse(raw) as THubMessage;
      if (message.kind === 'revoke' && message.id !== undefined && ownRevocations.delete(message.id)) {
        return;
      }
      dispatch(message);
    } catch (err) {
      opts.log.error({ err }, 'malformed realtime message from redis');
    }
  });
  const send = async (message: THubMessage) => {
    await pub.publish(CHANNEL, JSON.stringify(message));
  };
  /** Revocations this process already applied to its own sockets, until Redis echoes them. */
  const ownRevocations = new Set<string>();
  const presence = await redisPresence(pub, opts.log);
  return {
    mode: 'redis',
    poke: (workspaceId, lastSeq) => send({ kind: 'poke', workspaceId, lastSeq }),
    publishEphemeral: (event) => send({ kind: 'ephemeral', event }),
    subscribe,
    revoke: async (revocation) => {
      // This process's sockets end at once, even should Redis be unreachable; the others through it.
      const id = randomUUID();
      if (ownRevocations.size > 10_000) {
        // Echoes that never came (a lost subscription); they only save work.
        ownRevocations.clear();
      }
      ownRevocations.add(id);
      dispatch({ kind: 'revoke', revocation });
      await send({ kind: 'revoke', revocation, id }).catch((err) => {
        ownRevocations.delete(id);
        throw err;
      });
    },
    onRevoke,
    presence,
    close: async () => {
      await presence.close().catch(() => {});
      sub.disconnect();
      pub.disconnect();
    },
    ping: async () => {
      await pub.ping();
    },
  };
}

function memoryPresence(): PresenceStore {
  const byWorkspace = new Map<string, Map<string, TAgentPresence>>();
  return {
    set: async (workspaceId, userId, status) => {
      const agents = byWorkspace.get(workspaceId) ?? new Map<string, TAgentPresence>();
      if (status) {
        agents.set(userId, status);
      } else {
        agents.delete(userId);
      }
      if (agents.size > 0) {
        byWorkspace.set(workspaceId, agents);
      } else {
        byWorkspace.delete(workspaceId);
      }
    },
    list: async (workspaceId) => Object.fromEntries(byWorkspace.get(workspaceId) ?? []),
  };
}

const PRESENCE_KEY = (workspaceId: string) => `parley:presence:${workspaceId}`;
const PROCESS_KEY = (processId: string) => `parley:process:${processId}`;
/** A process that has not said it is alive for this long no longer counts (it crashed or was killed). */
const PROCESS_TTL_SECONDS = 30;

/**
 * Presence in Redis: one hash per workspace, a field per agent and process (`user|process`). Each
 * process renews a short-lived key while it runs; fields of a process whose key expired are dropped
 * when read, so an agent does not stay online after their server dies.
 */
async function redisPresence(
  redis: Redis,
  log: Logger,
): Promise<PresenceStore & { close: () => Promise<void> }> {
  const processId = randomUUID();
  const mine = new Map<string, Set<string>>(); // workspace → this process's fields
  const renew = () => redis.set(PROCESS_KEY(processId), '1', 'EX', PROCESS_TTL_SECONDS);
  await renew();
  const timer = setInterval(
    () => void renew().catch((err) => log.warn({ err }, 'could not renew presence')),
    (PROCESS_TTL_SECONDS * 1000) / 3,
  );
  timer.unref();
  return {
    set: async (workspaceId, userId, status) => {
      const field = `${userId}|${processId}`;
      const fields = mine.get(workspaceId) ?? new Set<string>();
      if (status) {
        fields.add(field);
        await redis.hset(PRESENCE_KEY(workspaceId), field, status);
      } else {
        fields.delete(field);
        await redis.hdel(PRESENCE_KEY(workspaceId), field);
      }
      if (fields.size > 0) {
        mine.set(workspaceId, fields);
      } else {
        mine.delete(workspaceId);
      }
    },
    list: async (workspaceId) => {
      const entries = Object.entries(await redis.hgetall(PRESENCE_KEY(workspaceId)));
      const processes = [...new Set(entries.map(([field]) => field.split('|')[1] ?? ''))];
      const alive = new Set<string>();
      if (processes.length > 0) {
        const flags = await redis.mget(processes.map(PROCESS_KEY));
        for (const [i, id] of processes.entries()) {
          if (flags[i]) {
            alive.add(id);
          }
        }
      }
      const result: Record<string, TAgentPresence> = {};
      const gone: string[] = [];
      for (const [field, status] of entries) {
        const [userId = '', owner = ''] = field.split('|');
        if (!alive.has(owner)) {
          gone.push(field);
        } else if (status === 'online' || (status === 'away' && result[userId] !== 'online')) {
          result[userId] = status;
        }
      }
      if (gone.length > 0) {
        await redis.hdel(PRESENCE_KEY(workspaceId), ...gone);
      }
      return result;
    },
    close: async () => {
      clearInterval(timer);
      for (const [workspaceId, fields] of mine) {
        await redis.hdel(PRESENCE_KEY(workspaceId), ...fields);
      }
      await redis.del(PROCESS_KEY(processId));
    },
  };
}
