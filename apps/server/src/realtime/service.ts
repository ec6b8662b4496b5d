import { inWorkspace, type Platform, type TenantScope } from '../platform/context.ts';
import type { Tx } from '../platform/db.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import * as store from './store.ts';

export type TEventType =
  | 'message.created'
  | 'message.updated'
  | 'conversation.created'
  | 'conversation.updated';
export type TEventDraft = {
  type: TEventType;
  conversationId: string | null;
  /** Set when the conversation's contact may see this event in the widget. */
  contactId: string | null;
  data: unknown;
};
export type Emit = (draft: TEventDraft) => void;

/**
 * The one way to change tenant data that clients watch: a workspace transaction whose emitted events
 * are stored with their sequence numbers inside it and delivered only after it commits.
 */
export async function inWorkspaceWithEvents<T>(
  scope: TenantScope,
  fn: (tx: Tx, emit: Emit) => Promise<T>,
): Promise<T> {
  const drafts: TEventDraft[] = [];
  let stored: TStoredEvent[] = [];
  const result = await inWorkspace(scope, async (tx) => {
    const value = await fn(tx, (draft) => drafts.push(draft));
    if (drafts.length > 0) {
      stored = await storeEvents(scope.platform, tx, scope.workspaceId, drafts);
    }
    return value;
  });
  if (stored.length > 0) {
    await scope.platform.hub.publish(stored);
  }
  return result;
}

async function storeEvents(platform: Platform, tx: Tx, workspaceId: string, drafts: TEventDraft[]) {
  // Seal first, allocate last: the sequence row is locked only for the insert and the commit.
  const sealed: string[] = [];
  for (const d of drafts) {
    sealed.push(await platform.sealer.seal(tx, workspaceId, JSON.stringify(d.data)));
  }
  const last = await store.allocateSequence(tx, workspaceId, drafts.length);
  const rows = drafts.map((d, i) => ({
    workspaceId,
    seq: last - drafts.length + 1 + i,
    type: d.type,
    conversationId: d.conversationId,
    contactId: d.contactId,
    payloadSealed: sealed[i]!,
  }));
  await store.insertEvents(tx, rows);
  return rows;
}

/** Typing and presence: delivered live, never stored, no sequence number. */
export async function publishEphemeral(
  scope: TenantScope,
  event: {
    type: 'typing' | 'presence';
    conversationId: string | null;
    contactId: string | null;
    data: unknown;
  },
) {
  const payloadSealed = await scope.platform.sealer.seal(
    scope.platform.db,
    scope.workspaceId,
    JSON.stringify(event.data),
  );
  await scope.platform.hub.publish([
    {
      workspaceId: scope.workspaceId,
      seq: null,
      type: event.type,
      conversationId: event.conversationId,
      contactId: event.contactId,
      payloadSealed,
    },
  ]);
}

export const REPLAY_LIMIT = 5000;

/**
 * What a client missed since `afterSeq`, or `isComplete: false` when the log no longer covers it
 * (pruned, or too much to replay): the client must then reload its data instead of replaying.
 */
export async function eventsAfter(scope: TenantScope, afterSeq: number, contactId?: string) {
  return inWorkspace(scope, async (tx) => {
    const oldest = await store.oldestSequence(tx, scope.workspaceId);
    const events = await store.listEventsAfter(tx, scope.workspaceId, afterSeq, {
      limit: REPLAY_LIMIT,
      ...(contactId ? { contactId } : {}),
    });
    const isComplete = (oldest === 0 || afterSeq >= oldest - 1) && events.length < REPLAY_LIMIT;
    return { events, isComplete };
  });
}

export async function lastSequence(scope: TenantScope) {
  return inWorkspace(scope, (tx) => store.currentSequence(tx, scope.workspaceId));
}

export const PRUNE_EVENTS_JOB = 'realtime.prune_events';
/** How long a disconnected client can stay away and still resume without a gap. */
export const EVENT_RETENTION_DAYS = 7;

/** Housekeeping (daily): the event log only needs to cover reconnecting clients. */
export async function pruneOldEvents(platform: Platform) {
  await store.pruneEvents(platform.db, new Date(Date.now() - EVENT_RETENTION_DAYS * 24 * 3600 * 1000));
}
