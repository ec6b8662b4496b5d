import client from 'prom-client';

/** Prometheus metrics; a registry per app so tests and several apps in one process stay apart. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  const httpDuration = new client.Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobsByState = new client.Gauge({
    name: 'parley_jobs',
    help: 'Background jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
  });
  const dbPool = new client.Gauge({
    name: 'parley_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, jobsByState, dbPool };
}

export type Metrics = ReturnType<typeof createMetrics>;
