import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Database, positionalSql, type Queryable, rowsOf } from './db.ts';

/** Every job carries the workspace it belongs to (null for installation-wide work). */
type TJobPayload = z.ZodType<{ workspaceId: string | null }>;

/**
 * A queue and the schema of its payload: enqueueing checks the payload before it is written, and the
 * worker checks it again before the handler sees it, so a handler is typed and never casts.
 */
export type TJobKind<S extends TJobPayload = TJobPayload> = { name: string; payload: S };

export function jobKind<S extends TJobPayload>(name: string, payload: S): TJobKind<S> {
  return { name, payload };
}

/** The payload of installation-wide work that needs nothing but its schedule. */
export const INSTALLATION_WIDE = z.object({ workspaceId: z.null() });

type TJobHandler<S extends TJobPayload> = (
  data: z.output<S>,
  job: { id: string; retryCount: number },
) => Promise<void>;
export type TQueuePolicy = {
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** A cron expression (UTC) to run the job on a schedule, e.g. housekeeping. */
  cron?: string;
};

export const DEAD_LETTER_QUEUE = 'dead_letter';

export type Jobs = {
  /** Enqueue inside the caller's transaction: the job exists if and only if the change commits. */
  enqueue: <S extends TJobPayload>(
    q: Queryable,
    kind: TJobKind<S>,
    data: z.input<S>,
    opts?: { startAfter?: Date },
  ) => Promise<string | null>;
  register: <S extends TJobPayload>(
    kind: TJobKind<S>,
    handler: TJobHandler<S>,
    policy?: TQueuePolicy,
  ) => void;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  ping: () => Promise<void>;
  boss: PgBoss;
};

export function createJobs(
  database: Database,
  log: Logger,
  opts: { pollingIntervalSeconds?: number } = {},
): Jobs {
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
  const boss =
    database.engine === 'postgres' && database.url
      ? new PgBoss({ connectionString: database.url, max: 4, schedule: true, pollingIntervalSeconds })
      : new PgBoss({ db: { executeSql: database.executeSql }, schedule: true, pollingIntervalSeconds });
  boss.on('error', (err) => log.error({ err }, 'job system error'));

  const handlers = new Map<
    string,
    { payload: TJobPayload; handler: TJobHandler<TJobPayload>; policy: TQueuePolicy }
  >();
  let started = false;

  return {
    boss,
    register(kind, handler, policy = {}) {
      if (started) {
        throw new Error(`Register job ${kind.name} before the job system starts`);
      }
      handlers.set(kind.name, {
        payload: kind.payload,
        handler: handler as TJobHandler<TJobPayload>,
        policy,
      });
    },
    async start() {
      await boss.start();
      // pg-boss 10 keeps a queue's retention in minutes only (it ignores retentionDays here).
      const deadLetter = { name: DEAD_LETTER_QUEUE, retentionMinutes: 30 * 24 * 60 };
      await boss.createQueue(DEAD_LETTER_QUEUE, deadLetter);
      await boss.updateQueue(DEAD_LETTER_QUEUE, deadLetter);
      for (const [name, { payload, handler, policy }] of handlers) {
        const queue = {
          name,
          retryLimit: policy.retryLimit ?? 5,
          retryDelay: policy.retryDelaySeconds ?? 10,
          retryBackoff: true,
          expireInSeconds: policy.expireInSeconds ?? 300,
          deadLetter: DEAD_LETTER_QUEUE,
        };
        await boss.createQueue(name, queue);
        await boss.updateQueue(name, queue);
        if (policy.cron) {
          await boss.schedule(name, policy.cron, { workspaceId: null }, { tz: 'UTC' });
        }
        // includeMetadata: without it pg-boss leaves out retryCount and handlers would always see 0.
        await boss.work<unknown>(name, { pollingIntervalSeconds, includeMetadata: true }, async (batch) => {
          for (const job of batch) {
            const meta = { id: job.id, retryCount: job.retryCount };
            try {
              await handler(checkedPayload(name, payload, job.data), meta);
            } catch (err) {
              log.warn({ err, job: name, jobId: job.id }, 'job failed; it will be retried or dead-lettered');
              throw err;
            }
          }
        });
      }
      started = true;
    },
    async stop() {
      // Graceful: in-flight jobs finish before the database closes.
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
    async ping() {
      await database.executeSql('select 1 from pgboss.version limit 1', [] as unknown[]);
    },
    async enqueue(q, kind, data, opts = {}) {
      const executeSql = async (text: string, values?: unknown[]) => ({
        rows: await rowsOf<Record<string, unknown>>(q, positionalSql(text, values)),
      });
      return boss.send(kind.name, checkedPayload(kind.name, kind.payload, data) as object, {
        db: { executeSql },
        ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      });
    },
  };
}

/** The payload as its queue's schema reads it; a mismatch names the fields, never their values. */
function checkedPayload<S extends TJobPayload>(name: string, payload: S, data: unknown): z.output<S> {
  const parsed = payload.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)').join(', ');
    throw new Error(`The payload of job ${name} does not match its schema (${fields})`);
  }
  return parsed.data;
}
