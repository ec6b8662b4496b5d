import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createHttpServer } from '../platform/http.ts';
import { createMetrics } from '../platform/metrics.ts';
import { registerDashboard } from './dashboard.ts';

// The dashboard's files, served from a build folder made here: the same code as production.
let app: App;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'parley-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Parley</title>');
  writeFileSync(
    path.join(dist, 'assets', 'index-abc.js'),
    'console.log(1)\n//# sourceMappingURL=index-abc.js.map',
  );
  writeFileSync(path.join(dist, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["src/main.tsx"]}');
  app = await createHttpServer({
    log: pino({ level: 'silent' }),
    metrics: createMetrics(),
    trustProxy: false,
    isHttps: false,
  });
  await registerDashboard(app, dist);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('dashboard files', () => {
  it('never serves a source map, even one left in the build folder', async () => {
    expect((await app.inject({ url: '/app/assets/index-abc.js' })).statusCode).toBe(200);
    for (const url of [
      '/app/assets/index-abc.js.map',
      '/app/assets/INDEX-ABC.JS.MAP',
      '/app/assets/index-abc.js.map?x=1',
    ]) {
      const res = await app.inject({ url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.body).not.toContain('sources');
    }
  });

  it('allows images from Parley itself only', async () => {
    const res = await app.inject({ url: '/app/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const img = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('img-src'));
    expect(img).toBe("img-src 'self' data: blob:");
    expect(csp).not.toMatch(/img-src[^;]*https:/);
  });

  it('says the dashboard is not built, at its own address too, when there is no build', async () => {
    const unbuilt = await createHttpServer({
      log: pino({ level: 'silent' }),
      metrics: createMetrics(),
      trustProxy: false,
      isHttps: false,
    });
    await registerDashboard(unbuilt, path.join(dist, 'missing'));
    await unbuilt.ready();
    for (const url of ['/app', '/app/', '/app/conversations']) {
      const res = await unbuilt.inject({ url });
      expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({
        url,
        status: 503,
        code: 'dashboard_not_built',
      });
    }
    await unbuilt.close();
  });
});
