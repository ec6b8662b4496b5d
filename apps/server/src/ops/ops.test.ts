import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { INSTALLATION_WIDE, jobKind } from '../platform/jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TSchema = { $ref?: string; properties?: Record<string, unknown>; required?: string[] };
type TContent = Record<string, { schema: TSchema }>;
type TOpenApi = {
  openapi: string;
  info: { title: string };
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: TContent }; responses?: Record<string, { content?: TContent }> }
    >
  >;
  components?: { schemas?: Record<string, TSchema> };
};

/** Follows a local `#/components/schemas/…` reference, if the generator chose one. */
function resolve(doc: TOpenApi, schema: TSchema): TSchema {
  if (!schema.$ref) {
    return schema;
  }
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  expect(target, `unresolved ${schema.$ref}`).toBeDefined();
  return resolve(doc, target!);
}

describe('health', () => {
  it('reports liveness at /healthz', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness of the database and the job system at /readyz', async () => {
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
  });
});

const OPS_IDLE = jobKind('ops-test-idle', INSTALLATION_WIDE);

describe('metrics', () => {
  it('exposes request latency, jobs by queue and state, and the database pool for Prometheus', async () => {
    await t.app.inject({ url: '/healthz' });
    await t.platform.jobs.boss.createQueue(OPS_IDLE.name);
    await t.platform.jobs.enqueue(t.platform.db, OPS_IDLE, { workspaceId: null });

    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toContain('# TYPE parley_http_request_duration_seconds histogram');
    expect(text).toMatch(
      /^parley_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"[^}]*\} [1-9]/m,
    );
    expect(text).toContain('# TYPE parley_jobs gauge');
    expect(text).toMatch(/^parley_jobs\{queue="ops-test-idle",state="created"\} 1$/m);
    expect(text).toContain('# TYPE parley_db_pool_connections gauge');
    expect(text).toMatch(/^parley_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).toMatch(/^parley_process_cpu_user_seconds_total /m);
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as TOpenApi;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe('Parley API');
    for (const path of ['/api/v1/auth/sign-in', '/api/v1/members', '/api/v1/api-tokens', '/api/v1/jobs']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // Operator and dashboard routes are hidden from the public API document.
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/app'))).toBe(false);

    const body = doc.paths['/api/v1/auth/sign-in']?.post?.requestBody;
    const schema = resolve(doc, body!.content['application/json']!.schema);
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['email', 'password']));
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('describes every answer a route declares with a schema of its fields', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as TOpenApi;
    const undescribed = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
          Object.values(response.content ?? {})
            .filter(({ schema }) => Object.keys(schema).length === 0)
            .map(() => `${method.toUpperCase()} ${path} ${status}`),
        ),
      ),
    );
    expect(undescribed).toEqual([]);
  });

  it('serves the interactive docs as an HTML page whose scripts are all external files', async () => {
    let res = await t.app.inject({ url: '/api/docs' });
    for (let hops = 0; hops < 3 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      res = await t.app.inject({ url: new URL(String(res.headers.location), 'http://x/api/docs').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toContain('swagger-ui');

    // Inline scripts would be blocked by the CSP; every <script> must load a file that exists.
    const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(content?.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1];
      expect(src).toBeDefined();
      const asset = await t.app.inject({ url: new URL(src!, 'http://x/api/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }

    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
    expect(csp).toMatch(/(^|;)\s*frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('feeds the docs page the same document', async () => {
    const ui = await t.app.inject({ url: '/api/docs/json' });
    expect(ui.statusCode).toBe(200);
    const api = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(ui.json()).toEqual(api.json());
  });

  it('keeps the relaxed style policy to the docs only', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });
});

describe('metrics behind a token', () => {
  it('requires METRICS_TOKEN as a bearer token when it is set', async () => {
    const guarded = await startTestApp({ METRICS_TOKEN: 'a-long-metrics-token' });
    try {
      expect((await guarded.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      const ok = await guarded.app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer a-long-metrics-token' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('parley_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
