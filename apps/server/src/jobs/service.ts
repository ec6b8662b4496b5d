import type { Ctx } from '../platform/context.ts';
import { decodeCursor, encodeCursor } from '../platform/cursor.ts';
import { canSeeJobs } from './policy.ts';
import {
  countWorkspaceJobs,
  JOB_STATES,
  listWorkspaceJobs,
  type TJobPosition,
  type TJobState,
} from './store.ts';

/** The position of the last job shown: its creation time and id. */
function decodeJobPosition(cursor: string | undefined): TJobPosition | undefined {
  const parts = decodeCursor(cursor, ['timestamp', 'uuid']);
  return parts ? { createdOn: parts[0]!, id: parts[1]! } : undefined;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The workspace's jobs, newest first, one page, with how many there are in each state. */
export async function listJobs(
  ctx: Ctx,
  query: { state?: TJobState | undefined; limit: number; cursor?: string | undefined },
) {
  canSeeJobs(ctx);
  const db = ctx.platform.db;
  const rows = await listWorkspaceJobs(db, ctx.workspaceId, {
    state: query.state,
    limit: query.limit + 1,
    after: decodeJobPosition(query.cursor),
  });
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<
    (typeof JOB_STATES)[number],
    number
  >;
  for (const c of await countWorkspaceJobs(db, ctx.workspaceId)) {
    counts[c.state] = c.n;
  }
  const items = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    retryCount: r.retry_count,
    createdOn: iso(r.created_on)!,
    startedOn: iso(r.started_on),
    completedOn: iso(r.completed_on),
  }));
  const last = rows[query.limit - 1];
  return {
    items,
    counts,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_key, last.id]) : null,
  };
}
