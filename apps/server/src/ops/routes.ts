// Operator endpoints: liveness, readiness, Prometheus metrics. They carry no tenant data.
import { z } from 'zod';
import { countAllJobs } from '../jobs/store.ts';
import type { Platform } from '../platform/context.ts';
import { type App, sendError } from '../platform/http.ts';

/** Probes and scrapes arrive every few seconds; only their warnings and errors are worth a log line. */
const logLevel = 'warn';

export async function opsRoutes(app: App, platform: Platform) {
  const tags = ['Operations'];
  app.get(
    '/healthz',
    {
      logLevel,
      schema: {
        tags,
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      logLevel,
      schema: {
        tags,
        summary: 'The database and the job system answer',
        response: {
          200: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }),
          503: z.object({ status: z.literal('unavailable'), checks: z.record(z.string(), z.string()) }),
        },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      const check = async (name: string, fn: () => Promise<void>) => {
        try {
          await fn();
          checks[name] = 'ok';
        } catch (err) {
          checks[name] = err instanceof Error ? err.message : 'failed';
        }
      };
      await check('database', platform.database.ping);
      await check('jobs', platform.jobs.ping);
      const isReady = Object.values(checks).every((c) => c === 'ok');
      return isReady
        ? { status: 'ready' as const, checks }
        : reply.status(503).send({ status: 'unavailable' as const, checks });
    },
  );

  app.get('/metrics', { logLevel, schema: { hide: true } }, async (request, reply) => {
    const token = platform.config.METRICS_TOKEN;
    if (token && request.headers.authorization !== `Bearer ${token}`) {
      return sendError(reply, 'unauthenticated', 'Send the METRICS_TOKEN as a bearer token');
    }
    const { metrics } = platform;
    const pool = platform.database.poolStats();
    metrics.dbPool.labels('total').set(pool.total);
    metrics.dbPool.labels('idle').set(pool.idle);
    metrics.dbPool.labels('waiting').set(pool.waiting);
    metrics.jobsByState.reset();
    try {
      for (const row of await countAllJobs(platform.db)) {
        metrics.jobsByState.labels(row.name, row.state).set(row.n);
      }
    } catch (err) {
      platform.log.warn({ err }, 'could not count jobs for metrics');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
