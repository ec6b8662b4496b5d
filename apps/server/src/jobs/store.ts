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
};

/** Jobs of one workspace (live and archived), newest first; pg-boss keeps them in its own schema. */
export async function listWorkspaceJobs(
  q: Queryable,
  workspaceId: string,
  opts: { state?: TJobState | undefined; limit: number; before?: string | undefined },
) {
  const stateFilter = opts.state ? sql`and state = ${opts.state}` : sql``;
  const beforeFilter = opts.before ? sql`and created_on < ${opts.before}::timestamptz` : sql``;
  return rowsOf<TJobRow>(
    q,
    sql`select * from (
          select id::text, name, state::text as state, retry_count, created_on, started_on, completed_on
            from pgboss.job where data->>'workspaceId' = ${workspaceId}
          union all
          select id::text, name, state::text as state, retry_count, created_on, started_on, completed_on
            from pgboss.archive where data->>'workspaceId' = ${workspaceId}
        ) j where true ${stateFilter} ${beforeFilter}
        order by created_on desc limit ${opts.limit}`,
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
