import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import type { TStatement } from '../platform/tenant-transaction.ts';
import { events, workspaceSequences } from './tables.ts';

export async function currentSequence(q: Queryable, workspaceId: string): Promise<number> {
  const [row] = await q
    .select({ lastSeq: workspaceSequences.lastSeq })
    .from(workspaceSequences)
    .where(eq(workspaceSequences.workspaceId, workspaceId));
  return Number(row?.lastSeq ?? 0);
}

/** The oldest event still kept for the workspace (0 when none). */
export async function oldestSequence(q: Queryable, workspaceId: string): Promise<number> {
  const [row] = await q
    .select({ seq: sql<number>`min(${events.seq})` })
    .from(events)
    .where(eq(events.workspaceId, workspaceId));
  return Number(row?.seq ?? 0);
}

const INSERT_EVENTS_SQL = `with counter as (
  insert into workspace_sequences (workspace_id, last_seq) values ($1, $2)
  on conflict (workspace_id) do update set last_seq = workspace_sequences.last_seq + excluded.last_seq
  returning last_seq
)
insert into events (workspace_id, seq, type, conversation_id, contact_id, for_agents, payload_sealed)
select $1, counter.last_seq - $2 + e.ord, e.type, e.conversation_id, e.contact_id, e.for_agents, e.payload_sealed
  from counter,
       unnest($3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
         with ordinality as e(type, conversation_id, contact_id, for_agents, payload_sealed, ord)
returning seq`;

/**
 * The statement that appends a transaction's events to its workspace's log, numbered in order: it is
 * the transaction's last statement (inWorkspace's `last`, sent with COMMIT on PostgreSQL). It advances
 * the workspace's counter row, which stays locked until the transaction ends, so a transaction numbered
 * later commits later (readers deliver the log in order and never skip an event), and the lock lasts
 * no longer than the commit.
 */
export function insertEventsStatement(
  workspaceId: string,
  rows: Omit<TStoredEvent, 'seq' | 'workspaceId'>[],
): TStatement | null {
  if (rows.length === 0) {
    return null;
  }
  return {
    name: 'parley_insert_events',
    text: INSERT_EVENTS_SQL,
    types: ['text', 'integer', 'text[]', 'text[]', 'text[]', 'boolean[]', 'text[]'],
    values: [
      workspaceId,
      rows.length,
      rows.map((e) => e.type),
      rows.map((e) => e.conversationId),
      rows.map((e) => e.contactId),
      rows.map((e) => String(e.forAgents)),
      rows.map((e) => e.payloadSealed),
    ],
  };
}

/** Committed events after `afterSeq` (up to `upTo`), oldest first; for a visitor only its contact's. */
export async function listEventsAfter(
  q: Queryable,
  workspaceId: string,
  afterSeq: number,
  opts: { contactId?: string | undefined; upTo?: number | undefined; limit: number },
): Promise<TStoredEvent[]> {
  const rows = await q
    .select()
    .from(events)
    .where(
      and(
        eq(events.workspaceId, workspaceId),
        gt(events.seq, afterSeq),
        opts.upTo === undefined ? undefined : lte(events.seq, opts.upTo),
        opts.contactId ? eq(events.contactId, opts.contactId) : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(opts.limit);
  return rows.map((r) => ({
    workspaceId: r.workspaceId,
    seq: Number(r.seq),
    type: r.type,
    conversationId: r.conversationId,
    forAgents: r.forAgents,
    contactId: r.contactId,
    payloadSealed: r.payloadSealed,
  }));
}

export async function pruneEvents(q: Queryable, olderThan: Date) {
  await q.delete(events).where(sql`${events.createdAt} < ${olderThan}`);
}
