import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain JavaScript build script without types
import { ensureBuilt, SERVER_BUNDLE, serverNodeArgs } from '../../../scripts/lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type TServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
  /** The one-time setup link printed on first start, once it appears. */
  setupLink: () => Promise<string>;
  ready: () => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export async function waitFor(fn: () => boolean | Promise<boolean>, ms = 60_000) {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > ms) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function tempDataDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-proc-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the real server entry point (what `npm start` runs) as a child process on embedded PGlite. */
export function spawnServer(opts: {
  dataDir: string;
  port: number;
  env?: Record<string, string>;
}): TServerProcess {
  let out = '';
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  // What `npm start` runs: the bundled server, rebuilt first if its sources changed.
  ensureBuilt(root);
  const env = {
    ...process.env,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: opts.dataDir,
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
    ...opts.env,
  };
  const child = spawn(process.execPath, [...serverNodeArgs(env), SERVER_BUNDLE], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    baseUrl,
    output: () => out,
    exited,
    setupLink: async () => {
      await waitFor(() => /\/app\/setup\?token=\S+/.test(out));
      return /(http:\/\/\S+\/app\/setup\?token=\S+)/.exec(out)![1]!;
    },
    ready: () =>
      waitFor(async () => {
        try {
          return (await fetch(`${baseUrl}/readyz`)).ok;
        } catch {
          return false;
        }
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) {
        child.kill(signal);
      }
      return exited;
    },
  };
}
