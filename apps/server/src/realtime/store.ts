import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { type Queryable, queryInTx, type Tx } from '../platform/db.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
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

/**
 * Adds events to the log, in order, in one statement; their sequence numbers are given when the
 * transaction commits (one row per event, numbered in insertion order).
 */
export async function insertEvents(tx: Tx, rows: Omit<TStoredEvent, 'seq'>[]) {
  if (rows.length === 0) {
    return;
  }
  await queryInTx(
    tx,
    `insert into events (workspace_id, type, conversation_id, contact_id, payload_sealed)
     select e.workspace_id, e.type, e.conversation_id, e.contact_id, e.payload_sealed
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            as e(workspace_id, type, conversation_id, contact_id, payload_sealed)`,
    [
      rows.map((e) => e.workspaceId),
      rows.map((e) => e.type),
      rows.map((e) => e.conversationId),
      rows.map((e) => e.contactId),
      rows.map((e) => e.payloadSealed),
    ],
  );
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
    contactId: r.contactId,
    payloadSealed: r.payloadSealed,
  }));
}

export async function pruneEvents(q: Queryable, olderThan: Date) {
  await q.delete(events).where(sql`${events.createdAt} < ${olderThan}`);
}
