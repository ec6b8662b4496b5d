import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../test/harness.ts';

// The real entry point as `npm start` runs it: first-run link, data kept across restarts, clean Ctrl-C.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-start-'));
const port = 3900 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;

function startServer(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(fn: () => boolean | Promise<boolean>, ms = 60_000) {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > ms) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(ENGINE !== 'pglite')('npm start on embedded PGlite', () => {
  it('prints a one-time setup link, keeps data across restarts and shuts down cleanly on SIGINT', async () => {
    const first = startServer();
    await waitFor(() => /app\/setup\?token=/.test(first.output()));
    const link = /(http:\/\/\S+\/app\/setup\?token=(\S+))/.exec(first.output())!;
    const token = link[2]!;
    const setup = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        name: 'Ada',
        email: 'ada@example.com',
        password: 'a long password',
        workspaceName: 'Acme',
      }),
    });
    expect(setup.status).toBe(201);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/shutting down/);

    const second = startServer();
    await waitFor(async () => {
      try {
        return (await fetch(`${base}/readyz`)).ok;
      } catch {
        return false;
      }
    });
    expect(second.output()).not.toMatch(/setup\?token=/);
    expect(await (await fetch(`${base}/api/v1/setup/status`)).json()).toEqual({ needsSetup: false });
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'a long password' }),
    });
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).workspace.name).toBe('Acme');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
