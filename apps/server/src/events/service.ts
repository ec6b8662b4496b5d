import type { TAgentEventFrame } from '../../../../packages/shared/src/realtime.ts';
import { afterCommit, inWorkspace, type Platform, type TenantScope } from '../platform/context.ts';
import type { Tx } from '../platform/db.ts';
import { INSTALLATION_WIDE, jobKind } from '../platform/jobs.ts';
import type { TRevocation, TStoredEvent } from '../platform/realtime.ts';
import type { TRow, TStatement } from '../platform/tenant-transaction.ts';
import { offerCommitted } from './feed.ts';
import * as store from './store.ts';

type TRouting = {
  conversationId: string | null;
  /** Set when the conversation's contact may see this event in the widget. */
  contactId: string | null;
};
/** Each event's type with its data, as agents receive it: stored events carry a sequence number. */
type TEventOf<TFrame> = TFrame extends { type: infer TType; data: infer TData }
  ? { type: TType; data: TData }
  : never;
type TStoredEventData = TEventOf<Extract<TAgentEventFrame, { seq: number }>>;
type TEphemeralEventData = TEventOf<Exclude<TAgentEventFrame, { seq: number }>>;
export type TEventType = TStoredEventData['type'];
export type TEventDraft = TStoredEventData &
  TRouting & {
    /** False when agents need not hear of it (only the contact's visitors do); true when left out. */
    forAgents?: boolean;
  };
export type Emit = (draft: TEventDraft) => void;

/**
 * The one way to change tenant data that clients watch: a workspace transaction whose emitted events
 * are written to the log as its last statement (numbered in commit order) and announced only after it
 * commits.
 */
export async function inWorkspaceWithEvents<T>(
  scope: TenantScope,
  fn: (tx: Tx, emit: Emit, firstRows: TRow[]) => Promise<T>,
  first?: TStatement,
): Promise<T> {
  const rows: Omit<TStoredEvent, 'seq' | 'workspaceId'>[] = [];
  const jsons: string[] = [];
  let statement: TStatement | null = null;
  let numbered: number[] | null = null;
  const result = await inWorkspace(
    scope,
    async (tx, firstRows) => {
      const drafts: TEventDraft[] = [];
      const value = await fn(tx, (draft) => drafts.push(draft), firstRows);
      // A retried body starts again with no events.
      rows.length = 0;
      jsons.length = 0;
      for (const d of drafts) {
        const json = JSON.stringify(d.data);
        const payloadSealed = await scope.platform.sealer.seal(tx, scope.workspaceId, json);
        jsons.push(json);
        rows.push({
          type: d.type,
          conversationId: d.conversationId,
          contactId: d.contactId,
          forAgents: d.forAgents ?? true,
          payloadSealed,
        });
      }
      statement = store.insertEventsStatement(scope.workspaceId, rows);
      return value;
    },
    {
      first,
      // The events go last, with COMMIT: the counter row they lock is held no longer than the commit.
      last: () =>
        statement && {
          statement,
          done: (inserted) => {
            numbered = inserted.map((r) => Number(r.seq));
          },
        },
    },
  );
  if ((statement as TStatement | null) !== null) {
    // Committed: this process's sockets get the events now; the poke tells the other processes (and
    // this one, should a gap before them need a read). A lost poke only delays delivery until the
    // feeds' safety poll: it must not turn a successful write into an error (a client would retry).
    const seqs = (numbered ?? []) as number[];
    const lastSeq = seqs.length === rows.length ? Math.max(...seqs) : undefined;
    if (lastSeq !== undefined) {
      const events = rows.map((row, i) => ({
        ...row,
        workspaceId: scope.workspaceId,
        seq: lastSeq - rows.length + 1 + i,
      }));
      offerCommitted(scope.platform, events, jsons);
    }
    await scope.platform.hub.poke(scope.workspaceId, lastSeq).catch((err) => {
      scope.platform.log.warn({ err, workspaceId: scope.workspaceId }, 'could not announce new events');
    });
  }
  return result;
}

/**
 * The one way to end the live view of rights that ended or changed: once `tx` commits (never when it
 * rolls back), every server process closes the sockets opened by `revocation.holders` (a session, a
 * membership, an API token, a visitor, a contact). `access_ended` closes with 4001 (the client must not
 * reconnect with those credentials), `rights_changed` with 4010 (the client reconnects and is scoped
 * again). REST checks rights on every request; sockets check them once, so every change that takes
 * rights away calls this in the transaction that makes it.
 */
export function endSocketsOnCommit(tx: Tx, revocation: TRevocation): void {
  if (revocation.holders.length === 0) {
    return;
  }
  afterCommit(tx, (platform) => platform.hub.revoke(revocation));
}

/** Typing and presence: delivered live, never stored, no sequence number. */
export async function publishEphemeral(scope: TenantScope, event: TEphemeralEventData & TRouting) {
  const payloadSealed = await scope.platform.sealer.seal(
    scope.platform.db,
    scope.workspaceId,
    JSON.stringify(event.data),
  );
  await scope.platform.hub.publishEphemeral({
    workspaceId: scope.workspaceId,
    seq: null,
    forAgents: true,
    type: event.type,
    conversationId: event.conversationId,
    contactId: event.contactId,
    payloadSealed,
  });
}

export const REPLAY_LIMIT = 5000;

/**
 * What a client missed in (afterSeq, upTo], or `isComplete: false` when the log no longer covers it
 * (pruned, or too much to replay): the client must then reload its data instead of replaying.
 */
export async function eventsBetween(scope: TenantScope, afterSeq: number, upTo: number, contactId?: string) {
  return inWorkspace(scope, async (tx) => {
    const oldest = await store.oldestSequence(tx, scope.workspaceId);
    const events = await store.listEventsAfter(tx, scope.workspaceId, afterSeq, {
      upTo,
      contactId,
      limit: REPLAY_LIMIT,
    });
    const isComplete = (oldest === 0 || afterSeq >= oldest - 1) && events.length < REPLAY_LIMIT;
    return { events, isComplete };
  });
}

export async function lastSequence(scope: TenantScope) {
  return inWorkspace(scope, (tx) => store.currentSequence(tx, scope.workspaceId));
}

export const PRUNE_EVENTS_JOB = jobKind('realtime.prune_events', INSTALLATION_WIDE);
/** How long a disconnected client can stay away and still resume without a gap. */
export const EVENT_RETENTION_DAYS = 7;

/** Housekeeping (daily): the event log only needs to cover reconnecting clients. */
export async function pruneOldEvents(platform: Platform) {
  await store.pruneEvents(platform.db, new Date(Date.now() - EVENT_RETENTION_DAYS * 24 * 3600 * 1000));
}
