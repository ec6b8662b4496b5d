import type { Platform } from '../platform/context.ts';
import type { TRevocation, TSocketEnd, TSocketHolder } from '../platform/realtime.ts';

/**
 * This process's open sockets by holder (session, membership, API token, visitor, contact, inbox), so a
 * revocation heard through the hub ends exactly the sockets of the rights that ended or changed.
 */
type TOpenSocket = { end: (reason: TSocketEnd) => void };
type TRegistry = {
  byHolder: Map<string, Set<TOpenSocket>>;
  /**
   * Holders revoked lately, with when this process heard of it: a socket whose credentials were read
   * before that moment, but which registers after it, is ended as it registers.
   */
  recent: Map<string, { at: number; reason: TSocketEnd }>;
};

/** Longer than any socket takes from reading its credentials to registering. */
const RECENT_MS = 60_000;
const registries = new WeakMap<Platform, TRegistry>();

function registryOf(platform: Platform): TRegistry {
  let registry = registries.get(platform);
  if (!registry) {
    registry = { byHolder: new Map(), recent: new Map() };
    registries.set(platform, registry);
  }
  return registry;
}

function holderKey(holder: TSocketHolder): string {
  switch (holder.kind) {
    case 'session':
      return `session:${holder.sessionId}`;
    case 'member':
      return `member:${holder.workspaceId}:${holder.userId}`;
    case 'api_token':
      return `api_token:${holder.tokenId}`;
    case 'visitor':
      return `visitor:${holder.visitorId}`;
    case 'contact':
      return `contact:${holder.workspaceId}:${holder.contactId}`;
    case 'inbox':
      return `inbox:${holder.workspaceId}:${holder.inboxId}`;
  }
}

/** Ends this process's sockets of every revocation any process announces; returns the way to stop. */
export function watchRevocations(platform: Platform): () => void {
  const registry = registryOf(platform);
  return platform.hub.onRevoke((revocation: TRevocation) => {
    const now = Date.now();
    for (const [key, { at }] of registry.recent) {
      if (now - at < RECENT_MS) {
        break;
      }
      registry.recent.delete(key);
    }
    for (const holder of revocation.holders) {
      const key = holderKey(holder);
      // Re-inserted, so the map stays in the order heard (oldest first, as pruned above).
      registry.recent.delete(key);
      registry.recent.set(key, { at: now, reason: revocation.reason });
      for (const socket of [...(registry.byHolder.get(key) ?? [])]) {
        socket.end(revocation.reason);
      }
    }
  });
}

/**
 * Keeps an open socket under its holders until the returned function is called (when it closes).
 * `credentialsReadAt` is when its session, token or visitor token was found valid: a revocation heard
 * since then ends the socket at once, as one heard later will.
 */
export function registerSocket(
  platform: Platform,
  holders: TSocketHolder[],
  credentialsReadAt: number,
  end: (reason: TSocketEnd) => void,
): () => void {
  const registry = registryOf(platform);
  const socket: TOpenSocket = { end };
  const keys = holders.map(holderKey);
  let missed: TSocketEnd | null = null;
  for (const key of keys) {
    const revoked = registry.recent.get(key);
    if (revoked && revoked.at >= credentialsReadAt && missed !== 'access_ended') {
      missed = revoked.reason;
    }
    let set = registry.byHolder.get(key);
    if (!set) {
      set = new Set();
      registry.byHolder.set(key, set);
    }
    set.add(socket);
  }
  if (missed) {
    end(missed);
  }
  return () => {
    for (const key of keys) {
      const set = registry.byHolder.get(key);
      if (set?.delete(socket) && set.size === 0) {
        registry.byHolder.delete(key);
      }
    }
  };
}
