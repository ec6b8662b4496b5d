import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { buildApp, startPlatform, stopPlatform } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Platform } from '../src/platform/context.ts';
import { createFileStore } from '../src/platform/file-store.ts';
import type { App } from '../src/platform/http.ts';
import { newId } from '../src/platform/ids.ts';
import { createHub } from '../src/platform/realtime.ts';

export const ENGINE = (process.env.PARLEY_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/** Creates a fresh PostgreSQL database for one test file and returns its URL and a dropper. */
async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    throw new Error('PARLEY_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  }
  const name = `parley_test_${newId('db')
    .slice(3)
    .replace(/[^a-z0-9]/g, '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestApp = {
  app: App;
  platform: Platform;
  close: () => Promise<void>;
};

/** A real Parley on a real database (PGlite in memory, or its own PostgreSQL database), one per test file. */
export async function startTestApp(
  env: Record<string, string> = {},
  opts: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  const pgDb = ENGINE === 'postgres' ? await freshPostgresDatabase() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://parley.test',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...env,
  });
  const platform = await startPlatform({
    config,
    inMemory: true,
    jobPollingSeconds: 0.5,
    ...(opts.logDestination ? { logDestination: opts.logDestination } : {}),
  });
  const app = await buildApp(platform);
  await app.ready();
  return {
    app,
    platform,
    close: async () => {
      await app.close();
      await stopPlatform(platform);
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TSession = { cookie: string; csrfToken: string; userId: string; workspaceId: string | null };

export function sessionFrom(res: LightMyRequestResponse): TSession {
  const cookie = res.cookies.find((c) => c.name === 'parley_session');
  if (!cookie) {
    throw new Error(`No session cookie in response ${res.statusCode}: ${res.body}`);
  }
  const body = res.json() as { csrfToken: string; user: { id: string }; workspace: { id: string } | null };
  return {
    cookie: `parley_session=${cookie.value}`,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    workspaceId: body.workspace?.id ?? null,
  };
}

type TMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API as a signed-in user (cookie + CSRF header) or with a bearer token, like a real client. */
export function apiAs(app: App, who: TSession | { token: string } | null) {
  return async (method: TMethod, url: string, payload?: unknown) => {
    const headers: Record<string, string> = {};
    if (who && 'cookie' in who) {
      headers.cookie = who.cookie;
      headers['x-csrf-token'] = who.csrfToken;
    } else if (who && 'token' in who) {
      headers.authorization = `Bearer ${who.token}`;
    }
    return app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
}

/** Listens on a free port (WebSocket tests need a real server); returns http and ws base URLs. */
const addresses = new WeakMap<TestApp, { http: string; ws: string }>();

/** The app on a real port (once per app: later calls return the same address). */
export async function listen(t: TestApp) {
  let known = addresses.get(t);
  if (!known) {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    known = { http: address, ws: address.replace(/^http/, 'ws') };
    addresses.set(t, known);
  }
  return known;
}

export type TSecondServer = { app: App; platform: Platform; close: () => Promise<void> };

/**
 * A second Parley server beside `one`, on the same database: on PostgreSQL a real second platform with
 * its own pool and job workers; PGlite is embedded in one process, so there the second server shares
 * it. With REDIS_URL on `one` the two share Redis (realtime between them); without it each delivers
 * its own events. `dataDir` gives the second server a data folder of its own, as on another machine:
 * it then sees only what the two share (the database, and the bucket of S3_URL).
 */
export async function startSecondServer(
  one: TestApp,
  opts: { dataDir?: string } = {},
): Promise<TSecondServer> {
  const redisUrl = one.platform.config.REDIS_URL;
  const config = opts.dataDir
    ? { ...one.platform.config, DATA_DIR: opts.dataDir, dataDir: opts.dataDir }
    : one.platform.config;
  if (ENGINE === 'postgres') {
    const platform = await startPlatform({ config, inMemory: true, jobPollingSeconds: 0.5 });
    const app = await buildApp(platform);
    return {
      app,
      platform,
      close: async () => {
        await app.close();
        await stopPlatform(platform);
      },
    };
  }
  const hub = await createHub({ redisUrl, log: one.platform.log });
  const files = opts.dataDir ? await createFileStore(config) : one.platform.files;
  const platform: Platform = { ...one.platform, config, hub, files };
  const app = await buildApp(platform);
  return {
    app,
    platform,
    close: async () => {
      await app.close();
      await hub.close();
      if (files !== one.platform.files) {
        await files.close();
      }
    },
  };
}
