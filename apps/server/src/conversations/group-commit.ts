// Group commit for messages: those that arrive within the same moment are written together, in one
// tenant transaction of one statement (write-messages.ts), and each request is answered when its batch
// commits. This is how the one message path batches, not a second set of rules. See
// docs/decisions/0008-group-commit.md.

import { inWorkspaceWithEvents } from '../events/service.ts';
import type { Platform, TenantScope } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { isSearchIndexAllowed } from '../workspaces/service.ts';
import type { TMessagesResult } from './store.ts';
import {
  checkedMessage,
  detecting,
  finishMessages,
  messagesStatement,
  prepared,
  splitByKind,
  type TNewMessage,
  type TPrepared,
  type TWritten,
} from './write-messages.ts';

type TItem = {
  message: TNewMessage;
  /** Given when the batch is taken, in order. */
  id?: string;
  /** Detected while the message waits; sealed while the batch is prepared. */
  detecting: Promise<string | null>;
  prepared?: TPrepared;
  resolve: (written: TWritten) => void;
  reject: (err: unknown) => void;
};

/**
 * `gates`: for each conversation of a batch in flight, settled when the last batch taken with that
 * conversation has run its statement (and so holds the conversation's row until it commits).
 */
type TQueue = { items: TItem[]; running: number; isScheduled: boolean; gates: Map<string, Promise<void>> };

/**
 * Most messages in one transaction, and batches of one workspace in flight at once. A batch is
 * prepared (ids, language detection, sealing) while others are in the database. Batches that share a
 * conversation run their statement one after another, in the order they were taken, so a
 * conversation's row is locked by batches in order: ids, counters and each conversation's last
 * message agree with the order in which its messages arrived. Batches with no conversation in common
 * run side by side (their events may commit in either order).
 */
const MAX_BATCH = 128;
const MAX_RUNNING = 6;

const queuesByPlatform = new WeakMap<Platform, Map<string, TQueue>>();

/**
 * Writes a message with the next batch of its workspace: checked now (a refusal costs no transaction),
 * answered once that batch has committed.
 */
export function postMessage(scope: TenantScope, input: TNewMessage): Promise<TWritten> {
  const message = checkedMessage(input);
  let queues = queuesByPlatform.get(scope.platform);
  if (!queues) {
    queues = new Map();
    queuesByPlatform.set(scope.platform, queues);
  }
  let queue = queues.get(scope.workspaceId);
  if (!queue) {
    queue = { items: [], running: 0, isScheduled: false, gates: new Map() };
    queues.set(scope.workspaceId, queue);
  }
  const q = queue;
  return new Promise<TWritten>((resolve, reject) => {
    q.items.push({
      message,
      detecting: detecting(message),
      resolve,
      reject,
    });
    schedule(scope, q);
  });
}

function schedule(scope: TenantScope, queue: TQueue) {
  if (queue.isScheduled || queue.running >= MAX_RUNNING || queue.items.length === 0) {
    return;
  }
  queue.isScheduled = true;
  // Whatever else arrives in this turn of the event loop joins the batch.
  setImmediate(() => {
    queue.isScheduled = false;
    if (queue.running >= MAX_RUNNING || queue.items.length === 0) {
      return;
    }
    const batch = takeBatch(queue);
    for (const item of batch) {
      item.id ??= newId('msg');
    }
    const { turn, pass } = takeTurn(queue, batch);
    queue.running += 1;
    void runBatch(scope, batch, turn, pass).finally(() => {
      queue.running -= 1;
      if (queue.items.length === 0 && queue.running === 0) {
        queuesByPlatform.get(scope.platform)?.delete(scope.workspaceId);
      } else {
        schedule(scope, queue);
      }
    });
    schedule(scope, queue);
  });
}

/**
 * A batch's turn to run its statement: when every earlier batch that has one of its conversations has
 * run its own. Batches without a conversation in common run side by side.
 */
function takeTurn(queue: TQueue, batch: TItem[]): { turn: Promise<void>; pass: () => void } {
  const conversations = new Set(batch.map((item) => item.message.conversationId));
  const earlier: Promise<void>[] = [];
  for (const id of conversations) {
    const gate = queue.gates.get(id);
    if (gate) {
      earlier.push(gate);
    }
  }
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  for (const id of conversations) {
    queue.gates.set(id, passed);
  }
  let isPassed = false;
  const pass = () => {
    if (isPassed) {
      return;
    }
    isPassed = true;
    open();
    for (const id of conversations) {
      if (queue.gates.get(id) === passed) {
        queue.gates.delete(id);
      }
    }
  };
  const turn = earlier.length === 0 ? Promise.resolve() : Promise.all(earlier).then(() => undefined);
  return { turn, pass };
}

/** The oldest messages, up to MAX_BATCH, at most one kind per conversation (see splitByKind). */
function takeBatch(queue: TQueue): TItem[] {
  const { taken, rest } = splitByKind(queue.items, (item) => item.message, MAX_BATCH);
  queue.items = rest;
  return taken;
}

/**
 * Prepares and writes a batch; runs its statement when `turn` comes and then lets the next batch
 * `pass`. If the batch fails as a whole, each message is tried alone, so one bad message fails alone.
 */
async function runBatch(scope: TenantScope, items: TItem[], turn: Promise<void>, pass: () => void) {
  let outcomes: (TWritten | Error)[];
  try {
    for (const item of items) {
      item.prepared ??= await prepared(scope, item.message, await item.detecting, item.id);
    }
    const batch = items.map((item) => item.prepared!);
    // The transaction opens only on the batch's turn: waiting inside one could hold the only
    // connection (PGlite) that the batch before needs.
    await turn;
    const isIndexed = await isSearchIndexAllowed(scope.platform.db, scope.workspaceId);
    outcomes = await inWorkspaceWithEvents(
      scope,
      (tx, emit, rows) => {
        // The statement ran first: its conversations are locked, the next batch may run its own.
        pass();
        return finishMessages(scope, tx, emit, batch, rows[0] as TMessagesResult, isIndexed);
      },
      messagesStatement(scope.workspaceId, batch, isIndexed, scope.platform.channels.sending()),
    );
  } catch (err) {
    pass();
    if (items.length === 1) {
      items[0]!.reject(err);
      return;
    }
    for (const item of items) {
      await runBatch(scope, [item], Promise.resolve(), () => {});
    }
    return;
  }
  pass();
  items.forEach((item, i) => {
    const outcome = outcomes[i]!;
    if (outcome instanceof Error) {
      item.reject(outcome);
    } else {
      item.resolve(outcome);
    }
  });
}
