import type { Platform } from '../platform/context.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import * as store from './store.ts';

type TFeedListener = (event: TStoredEvent) => void;

const BATCH = 500;
const SAFETY_POLL_MS = 5_000;

/**
 * One reader per workspace per process: on every poke it reads the committed events after its cursor,
 * in sequence order, and hands each to every listener. Because numbers are given at commit, reading
 * in order never skips an event; a missed poke is caught by a slow safety poll.
 */
class Feed {
  cursor = 0;
  readonly listeners = new Set<TFeedListener>();
  private isReading = false;
  private isDirty = false;
  private unsubscribeHub: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;

  constructor(
    private readonly platform: Platform,
    private readonly workspaceId: string,
  ) {
    this.ready = store.currentSequence(platform.db, workspaceId).then((seq) => {
      this.cursor = seq;
    });
  }

  start(onEphemeral: (event: TStoredEvent) => void) {
    this.unsubscribeHub = this.platform.hub.subscribe(this.workspaceId, {
      onPoke: () => void this.pump(),
      onEphemeral,
    });
    this.timer = setInterval(() => void this.pump(), SAFETY_POLL_MS);
    this.timer.unref();
  }

  stop() {
    this.unsubscribeHub?.();
    if (this.timer) {
      clearInterval(this.timer);
    }
  }

  async pump(): Promise<void> {
    if (this.isReading) {
      this.isDirty = true;
      return;
    }
    this.isReading = true;
    try {
      await this.ready;
      do {
        this.isDirty = false;
        const rows = await store.listEventsAfter(this.platform.db, this.workspaceId, this.cursor, {
          limit: BATCH,
        });
        for (const event of rows) {
          this.cursor = event.seq!;
          for (const listener of this.listeners) {
            listener(event);
          }
        }
        if (rows.length === BATCH) {
          this.isDirty = true;
        }
      } while (this.isDirty && this.listeners.size > 0);
    } catch (err) {
      this.platform.log.warn(
        { err, workspaceId: this.workspaceId },
        'could not read the event log; retrying',
      );
      setTimeout(() => void this.pump(), 1_000).unref();
    } finally {
      this.isReading = false;
    }
  }
}

const feedsByPlatform = new WeakMap<Platform, Map<string, Feed>>();
const ephemeralListeners = new WeakMap<Feed, Set<TFeedListener>>();

export type TFeedSubscription = {
  /** Every event after this sequence number will reach the listener, in order. */
  cursor: number;
  unsubscribe: () => void;
};

/**
 * Subscribes to a workspace's events in this process. Stored events arrive in sequence order after
 * the returned cursor; ephemeral ones (no sequence) as they happen.
 */
export async function subscribeToWorkspace(
  platform: Platform,
  workspaceId: string,
  listener: TFeedListener,
): Promise<TFeedSubscription> {
  let feeds = feedsByPlatform.get(platform);
  if (!feeds) {
    feeds = new Map();
    feedsByPlatform.set(platform, feeds);
  }
  let feed = feeds.get(workspaceId);
  if (!feed) {
    const created = new Feed(platform, workspaceId);
    const ephemeral = new Set<TFeedListener>();
    ephemeralListeners.set(created, ephemeral);
    created.start((event) => {
      for (const l of ephemeral) {
        l(event);
      }
    });
    feeds.set(workspaceId, created);
    feed = created;
  }
  await feed.ready;
  if (feeds.get(workspaceId) !== feed) {
    // The feed closed while we waited (its last listener left): start over with a fresh one.
    return subscribeToWorkspace(platform, workspaceId, listener);
  }
  const current = feed;
  current.listeners.add(listener);
  ephemeralListeners.get(current)?.add(listener);
  return {
    cursor: current.cursor,
    unsubscribe: () => {
      current.listeners.delete(listener);
      ephemeralListeners.get(current)?.delete(listener);
      if (current.listeners.size === 0) {
        current.stop();
        feeds.delete(workspaceId);
      }
    },
  };
}
