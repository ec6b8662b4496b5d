import type { Platform } from '../platform/context.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import * as store from './store.ts';

type TFeedListener = (event: TStoredEvent) => void;

/**
 * Who listens in one process: agents hear every event, visitors only their contact's. Indexed by
 * contact, so an event costs the work of its own subscribers, not of every socket of the workspace.
 */
class Listeners {
  readonly agents = new Set<TFeedListener>();
  readonly byContact = new Map<string, Set<TFeedListener>>();
  size = 0;

  add(listener: TFeedListener, contactId: string | null) {
    let set = this.agents;
    if (contactId !== null) {
      set = this.byContact.get(contactId) ?? new Set();
      this.byContact.set(contactId, set);
    }
    if (!set.has(listener)) {
      set.add(listener);
      this.size += 1;
    }
  }

  delete(listener: TFeedListener, contactId: string | null) {
    const set = contactId === null ? this.agents : this.byContact.get(contactId);
    if (set?.delete(listener)) {
      this.size -= 1;
      if (contactId !== null && set.size === 0) {
        this.byContact.delete(contactId);
      }
    }
  }

  dispatch(event: TStoredEvent) {
    for (const listener of this.agents) {
      listener(event);
    }
    const visitors = event.contactId === null ? undefined : this.byContact.get(event.contactId);
    if (visitors) {
      for (const listener of visitors) {
        listener(event);
      }
    }
  }
}

/** Opened payloads, once per event and process, shared by every socket that receives the event. */
const opened = new WeakMap<TStoredEvent, Promise<TOpened>>();
/** The payload as data, and as the JSON text it was sealed from (frames embed that text as it is). */
export type TOpened = { data: unknown; json: string };
const openedData = new WeakMap<TStoredEvent, TOpened>();

/** Records an event's payload as opened from its JSON text. */
function setOpened(event: TStoredEvent, json: string): TOpened {
  const open = { data: JSON.parse(json) as unknown, json };
  openedData.set(event, open);
  opened.set(event, Promise.resolve(open));
  return open;
}

export function openPayload(platform: Platform, event: TStoredEvent): Promise<TOpened> {
  let p = opened.get(event);
  if (!p) {
    p = platform.sealer
      .openText(platform.db, event.workspaceId, event.payloadSealed)
      .then((json) => setOpened(event, json));
    opened.set(event, p);
  }
  return p;
}

/** The opened payload when it is already at hand (the feed opens events before handing them out). */
export function openedPayload(event: TStoredEvent): TOpened | undefined {
  return openedData.get(event);
}

const BATCH = 500;
const SAFETY_POLL_MS = 5_000;
const MIN_READ_GAP_MS = 4;

/**
 * One reader per workspace per process. It hands every committed event to every listener exactly once,
 * in sequence order: the events a transaction of this process wrote are handed over by the writer
 * after its commit (`accept`); the others are read from the log after the cursor when a poke says
 * they exist. Because numbers follow commit order, reading in order never skips an event; an event
 * handed over ahead of a gap waits for the gap to fill; a missed poke is caught by a slow safety poll.
 */
class Feed {
  cursor = 0;
  readonly listeners = new Listeners();
  private isReady = false;
  private isReading = false;
  private lastReadAt = 0;
  private isDirty = false;
  /** The highest sequence number a poke announced; `mustRead`: a poke that did not say. */
  private announced = 0;
  private mustRead = false;
  /** Events handed over ahead of the cursor, by sequence number. */
  private readonly ahead = new Map<number, TStoredEvent>();
  private unsubscribeHub: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  readonly ready: Promise<void>;

  constructor(
    private readonly platform: Platform,
    private readonly workspaceId: string,
  ) {
    this.ready = store.currentSequence(platform.db, workspaceId).then((seq) => {
      this.cursor = seq;
      this.isReady = true;
    });
  }

  start(onEphemeral: (event: TStoredEvent) => void) {
    this.unsubscribeHub = this.platform.hub.subscribe(this.workspaceId, {
      onPoke: (lastSeq) => this.poke(lastSeq),
      onEphemeral,
    });
    this.timer = setInterval(() => this.poke(), SAFETY_POLL_MS);
    this.timer.unref();
  }

  stop() {
    this.unsubscribeHub?.();
    if (this.timer) {
      clearInterval(this.timer);
    }
  }

  /** Events up to `lastSeq` are committed (unknown how far when it is left out: read to find out). */
  poke(lastSeq?: number) {
    if (lastSeq === undefined) {
      this.mustRead = true;
    } else {
      this.announced = Math.max(this.announced, lastSeq);
    }
    void this.pump();
  }

  /** A committed transaction's events, numbered and opened, handed over by their writer. */
  accept(events: TStoredEvent[]) {
    if (!this.isReady) {
      // The cursor is not known yet: the log has them.
      return;
    }
    for (const event of events) {
      this.deliver(event);
    }
  }

  private deliver(event: TStoredEvent) {
    const seq = event.seq!;
    if (seq <= this.cursor) {
      return;
    }
    if (seq > this.cursor + 1) {
      this.ahead.set(seq, event);
      return;
    }
    let next: TStoredEvent | undefined = event;
    while (next) {
      this.ahead.delete(next.seq!);
      this.cursor = next.seq!;
      this.listeners.dispatch(next);
      next = this.ahead.get(this.cursor + 1);
    }
  }

  private async pump(): Promise<void> {
    if (this.isReading) {
      this.isDirty = true;
      return;
    }
    this.isReading = true;
    try {
      await this.ready;
      // Commits that follow each other closely are read together: fewer reads, and every socket
      // gets their frames in one write.
      const wait = this.lastReadAt + MIN_READ_GAP_MS - performance.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      do {
        this.isDirty = false;
        if (!this.mustRead && this.announced <= this.cursor) {
          // Every announced event has been handed over by its writer already.
          break;
        }
        this.mustRead = false;
        this.lastReadAt = performance.now();
        // Events their writer has handed over already (ahead of a gap) are opened: taken as they are.
        const rows = (
          await store.listEventsAfter(this.platform.db, this.workspaceId, this.cursor, { limit: BATCH })
        ).map((row) => this.ahead.get(row.seq!) ?? row);
        // Opened once here, so that sockets build their frames without waiting.
        for (const event of rows) {
          await openPayload(this.platform, event).catch(() => undefined);
        }
        for (const event of rows) {
          this.deliver(event);
        }
        if (rows.length === BATCH) {
          this.mustRead = true;
          this.isDirty = true;
        }
      } while (this.isDirty && this.listeners.size > 0);
    } catch (err) {
      this.platform.log.warn(
        { err, workspaceId: this.workspaceId },
        'could not read the event log; retrying',
      );
      setTimeout(() => this.poke(), 1_000).unref();
    } finally {
      this.isReading = false;
    }
  }
}

const feedsByPlatform = new WeakMap<Platform, Map<string, Feed>>();
const ephemeralListeners = new WeakMap<Feed, Listeners>();

export type TFeedSubscription = {
  /** Every event after this sequence number will reach the listener, in order. */
  cursor: number;
  unsubscribe: () => void;
};

/**
 * Subscribes to a workspace's events in this process: all of them (agents, `contactId` null) or those
 * of one contact (a visitor). Stored events arrive in sequence order after the returned cursor;
 * ephemeral ones (no sequence) as they happen.
 */
export async function subscribeToWorkspace(
  platform: Platform,
  workspaceId: string,
  listener: TFeedListener,
  contactId: string | null = null,
): Promise<TFeedSubscription> {
  let feeds = feedsByPlatform.get(platform);
  if (!feeds) {
    feeds = new Map();
    feedsByPlatform.set(platform, feeds);
  }
  let feed = feeds.get(workspaceId);
  if (!feed) {
    const created = new Feed(platform, workspaceId);
    const ephemeral = new Listeners();
    ephemeralListeners.set(created, ephemeral);
    created.start((event) => ephemeral.dispatch(event));
    feeds.set(workspaceId, created);
    feed = created;
  }
  await feed.ready;
  if (feeds.get(workspaceId) !== feed) {
    // The feed closed while we waited (its last listener left): start over with a fresh one.
    return subscribeToWorkspace(platform, workspaceId, listener, contactId);
  }
  const current = feed;
  current.listeners.add(listener, contactId);
  ephemeralListeners.get(current)?.add(listener, contactId);
  return {
    cursor: current.cursor,
    unsubscribe: () => {
      current.listeners.delete(listener, contactId);
      ephemeralListeners.get(current)?.delete(listener, contactId);
      if (current.listeners.size === 0) {
        current.stop();
        feeds.delete(workspaceId);
      }
    },
  };
}

/**
 * Hands a committed transaction's events (numbered, with the JSON text of each payload) to this
 * process's feed of the workspace, if it has one, so that its sockets get them without a read.
 */
export function offerCommitted(platform: Platform, events: TStoredEvent[], jsons: string[]) {
  const feed = feedsByPlatform.get(platform)?.get(events[0]?.workspaceId ?? '');
  if (!feed) {
    return;
  }
  events.forEach((event, i) => {
    setOpened(event, jsons[i]!);
  });
  feed.accept(events);
}
