import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../src/platform/db.ts';
import type { TJobKind } from '../src/platform/jobs.ts';
import type { TestApp } from './harness.ts';

// Side effects that leave the process are jobs enqueued with the change that causes them, so "nothing
// was sent" is proven against the job table (nothing enqueued, or the queue has run), never by waiting.

export type TJobRow<T> = { id: string; state: string; data: T };

/** Every job of `kind`, waiting, running or finished (archived ones too), oldest first. */
export async function jobsOf<S extends TJobKind['payload']>(
  t: TestApp,
  kind: TJobKind<S>,
): Promise<TJobRow<z.output<S>>[]> {
  const rows = await rowsOf<{ id: string; state: string; data: unknown }>(
    t.platform.db,
    sql`select id::text, state::text as state, data, created_on from pgboss.job where name = ${kind.name}
        union all
        select id::text, state::text as state, data, created_on from pgboss.archive where name = ${kind.name}
        order by created_on, id`,
  );
  return rows.map(({ id, state, data }) => ({ id, state, data: kind.payload.parse(data) }));
}

/**
 * Waits until the queue has nothing due: every job whose time has come has run (or is waiting out a retry
 * delay). What the queue was going to do by now is then done, and its absence can be checked.
 */
export async function drainJobs(t: TestApp, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const [due] = await rowsOf<{ count: number }>(
      t.platform.db,
      sql`select count(*)::int as count from pgboss.job
          where state in ('created', 'retry', 'active') and start_after <= now()`,
    );
    if (due!.count === 0) {
      return;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`${due!.count} jobs still due after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
