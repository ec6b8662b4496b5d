import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildMember, buildWorkspace, eventually, type TWorkspaceFixture } from '../../test/factories.ts';
import { apiAs, startTestApp, type TestApp } from '../../test/harness.ts';
import { inTransaction, inWorkspace, type WorkspaceCtx } from './context.ts';
import { rowsOf } from './db.ts';
import { newId } from './ids.ts';
import { createJobs, DEAD_LETTER_QUEUE, type Jobs, jobKind } from './jobs.ts';

// The app's own job system is already started (handlers must be registered before start), so this
// file runs a second, real pg-boss instance on the same database with queues of its own.
const MARKED = z.object({ workspaceId: z.string().nullable(), marker: z.string() });
const FLAKY = jobKind('jobs-test-flaky', MARKED);
const DOOMED = jobKind('jobs-test-doomed', MARKED.extend({ to: z.string() }));
const STRICT = jobKind('jobs-test-strict', MARKED);
const DONE = jobKind('jobs-test-done', MARKED);
const IDLE = jobKind('jobs-test-idle', MARKED); // no worker: jobs stay `created`

let t: TestApp;
let jobs: Jobs;
const flakyCalls = new Map<string, number[]>();
const doomedCalls = new Map<string, number>();
const strictCalls: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  jobs = createJobs(t.platform.database, t.platform.log, { pollingIntervalSeconds: 0.5 });
  jobs.register(
    FLAKY,
    async (data, job) => {
      const marker = data.marker;
      flakyCalls.set(marker, [...(flakyCalls.get(marker) ?? []), job.retryCount]);
      if (job.retryCount === 0) {
        throw new Error('the first attempt fails');
      }
    },
    { retryLimit: 2, retryDelaySeconds: 1 },
  );
  jobs.register(
    DOOMED,
    async (data) => {
      const marker = data.marker;
      doomedCalls.set(marker, (doomedCalls.get(marker) ?? 0) + 1);
      throw new Error('this job always fails');
    },
    { retryLimit: 1, retryDelaySeconds: 1 },
  );
  jobs.register(DONE, async () => {}, { retryLimit: 0 });
  jobs.register(
    STRICT,
    async (data) => {
      strictCalls.push(data.marker);
    },
    { retryLimit: 0 },
  );
  await jobs.start();
  await jobs.boss.createQueue(IDLE.name);
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

type TJobRow = {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  data: Record<string, unknown>;
};

/** Jobs carrying `marker` in their data, live or archived. */
async function jobsMarked(marker: string): Promise<TJobRow[]> {
  return rowsOf<TJobRow>(
    t.platform.db,
    sql`select id::text, name, state::text as state, retry_count, data from pgboss.job
          where data->>'marker' = ${marker}
        union all
        select id::text, name, state::text as state, retry_count, data from pgboss.archive
          where data->>'marker' = ${marker}`,
  );
}

async function jobById(id: string): Promise<TJobRow | undefined> {
  const rows = await rowsOf<TJobRow>(
    t.platform.db,
    sql`select id::text, name, state::text as state, retry_count, data from pgboss.job where id = ${id}::uuid
        union all
        select id::text, name, state::text as state, retry_count, data from pgboss.archive where id = ${id}::uuid`,
  );
  return rows[0];
}

describe('retries and the dead-letter queue', () => {
  it('retries a failed job and completes it on the second attempt', async () => {
    const marker = newId('m');
    const id = await jobs.enqueue(t.platform.db, FLAKY, { workspaceId: null, marker });
    expect(id).toBeTruthy();
    const done = await eventually(async () => {
      const job = await jobById(id!);
      return job?.state === 'completed' ? job : null;
    });
    expect(done.retry_count).toBe(1);
    // The handler is told which attempt it is running.
    expect(flakyCalls.get(marker)).toEqual([0, 1]);
  });

  it('fails a job once its retries are spent and copies it to the dead-letter queue', async () => {
    const marker = newId('m');
    const id = await jobs.enqueue(t.platform.db, DOOMED, {
      workspaceId: null,
      marker,
      to: 'ada@example.com',
    });
    const failed = await eventually(async () => {
      const job = await jobById(id!);
      return job?.state === 'failed' ? job : null;
    });
    expect(failed.retry_count).toBe(1);
    expect(doomedCalls.get(marker)).toBe(2);

    const deadLetters = await rowsOf<TJobRow>(
      t.platform.db,
      sql`select id::text, name, state::text as state, retry_count, data from pgboss.job
            where name = ${DEAD_LETTER_QUEUE} and data->>'marker' = ${marker}`,
    );
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.data).toEqual({ workspaceId: null, marker, to: 'ada@example.com' });
    expect(deadLetters[0]?.id).not.toBe(id);
  });
});

describe('payloads', () => {
  it('are checked against their queue’s schema when enqueued, inside the caller’s transaction', async () => {
    const marker = newId('m');
    await expect(
      inTransaction(t.platform, (tx) =>
        // @ts-expect-error: the marker is missing, as a caller that skipped the types would send it
        jobs.enqueue(tx, STRICT, { workspaceId: null, mark: marker }),
      ),
    ).rejects.toThrow('The payload of job jobs-test-strict does not match its schema (marker)');
    expect(await jobsMarked(marker)).toEqual([]);
  });

  it('are checked again before the handler runs: a malformed job fails without reaching it', async () => {
    const marker = newId('m');
    // Written past the schema, as a job from an older release could be.
    const id = await jobs.boss.send(STRICT.name, { workspaceId: null, marker: 42, note: marker });
    const failed = await eventually(async () => {
      const job = await jobById(id!);
      return job?.state === 'failed' ? job : null;
    });
    expect(failed.retry_count).toBe(0);
    expect(strictCalls).toEqual([]);
  });

  it('keep only the fields their schema names', async () => {
    const marker = newId('m');
    const id = await inTransaction(t.platform, (tx) =>
      jobs.enqueue(tx, IDLE, { workspaceId: null, marker, extra: 'dropped' } as {
        workspaceId: null;
        marker: string;
      }),
    );
    expect((await jobById(id!))?.data).toEqual({ workspaceId: null, marker });
  });
});

describe('the transactional outbox', () => {
  it('leaves no job behind when the transaction that enqueued it rolls back', async () => {
    const marker = newId('m');
    await expect(
      inTransaction(t.platform, async (tx) => {
        const id = await jobs.enqueue(tx, IDLE, { workspaceId: null, marker });
        expect(id).toBeTruthy();
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsMarked(marker)).toEqual([]);
  });

  it('keeps exactly one job when the transaction commits', async () => {
    const marker = newId('m');
    const id = await inTransaction(t.platform, (tx) => jobs.enqueue(tx, IDLE, { workspaceId: null, marker }));
    const rows = await jobsMarked(marker);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, name: IDLE.name, state: 'created' });
  });

  it('enqueues from a tenant transaction too, under the same rule', async () => {
    const ws = await buildWorkspace(t, 'Outbox');
    const ctx: WorkspaceCtx = {
      platform: t.platform,
      actor: { kind: 'user', userId: ws.owner.userId, sessionId: 'x' },
      workspaceId: ws.workspaceId,
      role: 'owner',
      csrfToken: null,
    };
    const rolledBack = newId('m');
    await expect(
      inWorkspace(ctx, async (tx) => {
        await t.platform.jobs.enqueue(tx, IDLE, { workspaceId: ws.workspaceId, marker: rolledBack });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsMarked(rolledBack)).toEqual([]);

    const committed = newId('m');
    await inWorkspace(ctx, (tx) =>
      t.platform.jobs.enqueue(tx, IDLE, { workspaceId: ws.workspaceId, marker: committed }),
    );
    expect(await jobsMarked(committed)).toHaveLength(1);
  });
});

describe('GET /api/v1/jobs', () => {
  let a: TWorkspaceFixture;
  let b: TWorkspaceFixture;
  let agentA: Awaited<ReturnType<typeof buildMember>>;
  const idsA: { created: string[]; completed: string[] } = { created: [], completed: [] };
  let idB: string;

  beforeAll(async () => {
    a = await buildWorkspace(t, 'Alpha');
    b = await buildWorkspace(t, 'Beta');
    agentA = await buildMember(t, a.workspaceId, 'agent');
    const db = t.platform.db;
    // Two jobs in one transaction share a created_on: listing must still page through both.
    await inTransaction(t.platform, async (tx) => {
      for (let i = 0; i < 2; i++) {
        const id = await jobs.enqueue(tx, IDLE, { workspaceId: a.workspaceId, marker: `a-idle-${i}` });
        idsA.created.push(id!);
      }
    });
    const doneId = await jobs.enqueue(db, DONE, { workspaceId: a.workspaceId, marker: 'a-done' });
    idsA.completed.push(doneId!);
    idB = (await jobs.enqueue(db, IDLE, { workspaceId: b.workspaceId, marker: 'b-idle' }))!;
    await eventually(async () => (await jobById(doneId!))?.state === 'completed');
  });

  it('lists the workspace’s jobs with counts by state for an owner', async () => {
    const res = await a.api('GET', '/api/v1/jobs');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((j: { id: string }) => j.id).sort()).toEqual(
      [...idsA.created, ...idsA.completed].sort(),
    );
    expect(body.counts).toEqual({ created: 2, retry: 0, active: 0, completed: 1, cancelled: 0, failed: 0 });
    expect(body.nextCursor).toBeNull();
    const done = body.items.find((j: { id: string }) => j.id === idsA.completed[0]);
    expect(done).toMatchObject({ name: DONE.name, state: 'completed', retryCount: 0 });
    expect(new Date(done.completedOn).getTime()).toBeGreaterThan(0);
    // Job data (addresses, bodies) never reaches the listing.
    expect(JSON.stringify(body)).not.toContain('a-done');
  });

  it('filters by ?state=', async () => {
    const created = (await a.api('GET', '/api/v1/jobs?state=created')).json();
    expect(created.items.map((j: { id: string }) => j.id).sort()).toEqual([...idsA.created].sort());
    expect(created.items.every((j: { state: string }) => j.state === 'created')).toBe(true);
    const completed = (await a.api('GET', '/api/v1/jobs?state=completed')).json();
    expect(completed.items.map((j: { id: string }) => j.id)).toEqual(idsA.completed);
    const failed = (await a.api('GET', '/api/v1/jobs?state=failed')).json();
    expect(failed.items).toEqual([]);
    // Counts describe the whole workspace, whatever the filter.
    expect(failed.counts.created).toBe(2);
  });

  it('pages through every job, including ones enqueued in the same transaction', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await a.api('GET', `/api/v1/jobs?limit=1${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const body: { items: { id: string }[]; nextCursor: string | null } = res.json();
      seen.push(...body.items.map((j) => j.id));
      cursor = body.nextCursor;
      if (!cursor) {
        break;
      }
    }
    expect(seen.sort()).toEqual([...idsA.created, ...idsA.completed].sort());

    const forged = await a.api('GET', '/api/v1/jobs?cursor=2024-01-01T00:00:00Z');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_cursor');
  });

  it('never lists another workspace’s jobs', async () => {
    const listedA = (await a.api('GET', '/api/v1/jobs')).json();
    expect(listedA.items.map((j: { id: string }) => j.id)).not.toContain(idB);
    const listedB = (await b.api('GET', '/api/v1/jobs')).json();
    expect(listedB.items.map((j: { id: string }) => j.id)).toEqual([idB]);
    expect(listedB.counts.created).toBe(1);
    expect(listedB.counts.completed).toBe(0);
  });

  it('refuses an agent with a clear 403', async () => {
    const res = await agentA.api('GET', '/api/v1/jobs');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({
      code: 'forbidden',
      message: 'Only admins and owners can see background jobs',
    });
  });

  it('refuses a caller who is not signed in', async () => {
    const res = await apiAs(t.app, null)('GET', '/api/v1/jobs');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
