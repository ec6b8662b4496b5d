// Helpers for `npm run bench`: a keep-alive HTTP client, the server child process, process memory and
// CPU from /proc, percentiles, and the cleanup that must run whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, SERVER_BUNDLE, serverNodeArgs } from '../lib.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ── Cleanup ─────────────────────────────────────────────────────────────────────────────────────────

const children = new Set();
const tempDirs = new Set();
const databases = new Map(); // name → admin url

/** Last resort on exit: kill what is still running, remove temp dirs, drop databases (synchronously). */
export function installExitCleanup() {
  process.on('exit', () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          child.kill('SIGKILL');
        } catch {}
      }
    }
    for (const dir of tempDirs) {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const [name, adminUrl] of databases) {
      const script = `const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query('drop database if exists ${name} with (force)')).then(()=>c.end()).catch(()=>process.exit(1));`;
      spawnSync(process.execPath, ['-e', script, adminUrl], { cwd: root, stdio: 'ignore', timeout: 15_000 });
    }
  });
}

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

export async function createDatabase(pg, adminUrl) {
  const name = `parley_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // BENCH_KEEP_DATABASE=1 leaves the database behind for a closer look (psql); drop it by hand.
  if (process.env.BENCH_KEEP_DATABASE) {
    console.error(`  keeping database ${name} (BENCH_KEEP_DATABASE)`);
    return { name, url: url.toString(), drop: async () => {} };
  }
  databases.set(name, adminUrl);
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
      databases.delete(name);
    },
  };
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });

/** A small keep-alive HTTP client (cheaper than fetch at thousands of requests a second). */
export function request(baseUrl, method, urlPath, { body, headers = {}, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function expectStatus(resPromise, status, what) {
  const res = await resPromise;
  if (res.status !== status) {
    throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  }
  return res;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ── The server child process ────────────────────────────────────────────────────────────────────────

/** Runs the real server entry point as a child process, as `npm start` would (minus the build steps). */
export async function spawnServer({ env, nodeArgs = [], label }) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let out = '';
  // What `npm start` runs: the bundled server.
  ensureBuilt(root);
  const serverEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    REDIS_URL: '',
    SMTP_URL: '',
    ...env,
  };
  // The options `npm start` gives the server, then the benchmark's own (a profiler).
  const child = spawn(process.execPath, [...serverNodeArgs(serverEnv), ...nodeArgs, SERVER_BUNDLE], {
    cwd: root,
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const append = (d) => {
    out += d;
    if (out.length > 200_000) {
      out = out.slice(-100_000);
    }
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const startedAt = performance.now();

  const waitUntil = async (fn, ms, what) => {
    const deadline = Date.now() + ms;
    while (!(await fn())) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${label} server exited while waiting for ${what}:\n${out.slice(-3000)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${label} server: timed out waiting for ${what}:\n${out.slice(-3000)}`);
      }
      await sleep(100);
    }
  };

  return {
    child,
    pid: child.pid,
    baseUrl,
    startedAt,
    output: () => out,
    ready: () =>
      waitUntil(
        async () => {
          try {
            return (await request(baseUrl, 'GET', '/readyz', { timeoutMs: 2000 })).status === 200;
          } catch {
            return false;
          }
        },
        120_000,
        '/readyz',
      ),
    setupToken: async () => {
      await waitUntil(() => /\/app\/setup\?token=\S+/.test(out), 60_000, 'the setup link');
      return /\/app\/setup\?token=([^\s&#]+)/.exec(out)[1];
    },
    /** SIGTERM, then SIGKILL if the graceful shutdown takes longer than `graceMs`. */
    stop: async (graceMs = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** First-run setup through the printed link, then a website inbox: the owner's cookie and CSRF token. */
export async function setUpWorkspace(server) {
  const token = await server.setupToken();
  const res = await expectStatus(
    request(server.baseUrl, 'POST', '/api/v1/setup', {
      body: {
        token,
        name: 'Bench Owner',
        email: 'owner@bench.example',
        password: 'bench password 1234',
        workspaceName: 'Bench',
      },
    }),
    201,
    'setup',
  );
  const setCookies = [res.headers['set-cookie'] ?? []].flat();
  const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = res.json();
  const owner = { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
  const inbox = (
    await expectStatus(
      request(server.baseUrl, 'POST', '/api/v1/inboxes', {
        body: { name: 'Bench site' },
        headers: owner.headers,
      }),
      201,
      'create inbox',
    )
  ).json();
  return { owner, widgetKey: inbox.widgetKey };
}

// ── /proc: memory and CPU ───────────────────────────────────────────────────────────────────────────

function readStat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces), starting with field 3 (state).
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]) };
  } catch {
    return null;
  }
}

/** The pid and all its descendants. */
export function processTree(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) {
      const st = readStat(entry);
      if (st) {
        parentOf.set(Number(entry), st.ppid);
      }
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) {
      if (parent === tree[i]) {
        tree.push(child);
      }
    }
  }
  return tree;
}

export function rssBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the process and its descendants. */
export function treeRss(pid) {
  return processTree(pid).reduce((sum, p) => sum + rssBytes(p), 0);
}

/** Samples the tree's RSS every `everyMs`; `stop()` returns the peak and the last sample. */
export function sampleRss(pid, everyMs = 250) {
  let peak = treeRss(pid);
  let last = peak;
  let samples = 1;
  const timer = setInterval(() => {
    last = treeRss(pid);
    samples++;
    peak = Math.max(peak, last);
  }, everyMs);
  return {
    peek: () => ({ peak, last, samples }),
    stop: () => {
      clearInterval(timer);
      return { peak, last, samples };
    },
  };
}

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far by the given pids (and, with `tree`, their descendants). */
export function cpuSeconds(pids, { tree = false } = {}) {
  let ticks = 0;
  const all = tree ? pids.flatMap((p) => processTree(p)) : pids;
  for (const pid of all) {
    const st = readStat(pid);
    if (st) {
      ticks += st.utime + st.stime;
    }
  }
  return ticks / TICKS;
}

// ── Statistics and formatting ───────────────────────────────────────────────────────────────────────

export function percentiles(values) {
  if (values.length === 0) {
    return { n: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  }
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

export const fmtMs = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
export const fmtMB = (b) => (Number.isFinite(b) ? `${(b / 1024 / 1024).toFixed(0)} MB` : 'n/a');
export const fmtKB = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(2)} KB` : 'n/a');
export const fmtRate = (v) => (Number.isFinite(v) ? `${v.toFixed(0)}/s` : 'n/a');

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let next = 0;
  const results = new Array(items.length);
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
