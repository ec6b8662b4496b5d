import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../platform/db.ts';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type TJobState = (typeof JOB_STATES)[number];

type TJobRow = {
  id: string;
  name: string;
  state: TJobState;
  retry_count: number;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  /** created_on to the microsecond (ISO, UTC): with the id, the position of the row for keyset paging. */
  created_key: string;
};

export type TJobPosition = { createdOn: string; id: string };

/**
 * Jobs of one workspace (live and archived), newest first; pg-boss keeps them in its own schema.
 * Jobs enqueued in one transaction share created_on, so paging goes by (created_on, id).
 */
export async function listWorkspaceJobs(
  q: Queryable,
  workspaceId: string,
  opts: { state?: TJobState | undefined; limit: number; after?: TJobPosition | undefined },
) {
  const stateFilter = opts.state ? sql`and state = ${opts.state}` : sql``;
  const afterFilter = opts.after
    ? sql`and (created_on, id) < (${opts.after.createdOn}::timestamptz, ${opts.after.id}::uuid)`
    : sql``;
  return rowsOf<TJobRow>(
    q,
    sql`select id::text as id, name, state, retry_count, created_on, started_on, completed_on,
               to_char(created_on at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
          from (
            select id, name, state::text as state, retry_count, created_on, started_on, completed_on
              from pgboss.job where data->>'workspaceId' = ${workspaceId}
            union all
            select id, name, state::text as state, retry_count, created_on, started_on, completed_on
              from pgboss.archive where data->>'workspaceId' = ${workspaceId}
          ) j where true ${stateFilter} ${afterFilter}
        order by created_on desc, id desc limit ${opts.limit}`,
  );
}

export async function countWorkspaceJobs(q: Queryable, workspaceId: string) {
  return rowsOf<{ state: TJobState; n: number }>(
    q,
    sql`select state, count(*)::int as n from (
          select state::text as state from pgboss.job where data->>'workspaceId' = ${workspaceId}
          union all
          select state::text as state from pgboss.archive where data->>'workspaceId' = ${workspaceId}
        ) j group by state`,
  );
}

/** Installation-wide counts by queue and state, for the metrics endpoint. */
export async function countAllJobs(q: Queryable) {
  return rowsOf<{ name: string; state: TJobState; n: number }>(
    q,
    sql`select name, state::text as state, count(*)::int as n from pgboss.job group by name, state`,
  );
}
