import { and, asc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import { events, workspaceSequences } from './tables.ts';

/**
 * Reserves `count` sequence numbers for the workspace. The row stays locked until the transaction
 * commits, so events commit in sequence order and a resuming client never skips one.
 */
export async function allocateSequence(q: Queryable, workspaceId: string, count: number): Promise<number> {
  const [row] = await q
    .insert(workspaceSequences)
    .values({ workspaceId, lastSeq: count })
    .onConflictDoUpdate({
      target: workspaceSequences.workspaceId,
      set: { lastSeq: sql`${workspaceSequences.lastSeq} + ${count}` },
    })
    .returning({ lastSeq: workspaceSequences.lastSeq });
  return Number(row!.lastSeq);
}

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

export async function insertEvents(q: Queryable, rows: TStoredEvent[]) {
  if (rows.length === 0) {
    return;
  }
  await q.insert(events).values(
    rows.map((e) => ({
      workspaceId: e.workspaceId,
      seq: e.seq!,
      type: e.type,
      conversationId: e.conversationId,
      contactId: e.contactId,
      payloadSealed: e.payloadSealed,
    })),
  );
}

/** Events after `afterSeq`, oldest first; for a visitor only those its contact may see. */
export async function listEventsAfter(
  q: Queryable,
  workspaceId: string,
  afterSeq: number,
  opts: { contactId?: string; limit: number },
): Promise<TStoredEvent[]> {
  const rows = await q
    .select()
    .from(events)
    .where(
      and(
        eq(events.workspaceId, workspaceId),
        gt(events.seq, afterSeq),
        opts.contactId ? eq(events.contactId, opts.contactId) : or(isNotNull(events.seq)),
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
