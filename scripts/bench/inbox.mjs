// Inbox at scale: 100,000 conversations and 1,000,000 messages (10× fewer with --quick) generated
// straight into a fresh temporary PostgreSQL database, then the agent API timed with sequential requests
// as the dashboard makes them: the conversation list (sorts, filters, cursor pages), search, and opening
// a conversation with 200 messages. Where a figure misses its target, the endpoint's own SQL (recorded
// from its service functions) is shown with EXPLAIN (ANALYZE, BUFFERS).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { samplePgActivity } from './ingest.mjs';
import {
  cpuSeconds,
  createDatabase,
  fmtKB,
  fmtMs,
  percentiles,
  request,
  root,
  setUpWorkspace,
  spawnServer,
  tempDir,
} from './lib.mjs';
import { dashboardInitialJs } from './sizes.mjs';

export const INBOX_TARGETS = {
  list: { op: '<=', value: 30, text: '≤ 30 ms' },
  search: { op: '<=', value: 100, text: '≤ 100 ms' },
  open: { op: '<=', value: 40, text: '≤ 40 ms' },
  dashboard: { op: '<=', value: 250 * 1024, text: '≤ 250 KB' },
};

/** Search queries: [class, text]. Rough share of messages each matches is printed with the results. */
const SEARCHES = [
  ['common', 'order'],
  ['common', 'thanks'],
  ['common', 'delivery'],
  ['medium', 'refund'],
  ['medium', 'invoice'],
  ['medium', 'password'],
  ['rare', 'chargeback'],
  ['rare', 'gdpr'],
  ['rare', 'kubernetes'],
  ['two words', 'refund order'],
  ['two words', 'password reset'],
  ['two words', 'cancel subscription'],
  ['contact name', 'garcia'],
];

// ── The helper child process (server TypeScript through tsx) ─────────────────────────────────────────

const helpers = new Set();
let exitHookInstalled = false;

/** Runs scripts/bench/inbox-helper.mjs `command`; its stderr lines go to `onLine`; resolves its JSON result. */
function runHelper(command, input, { env, timeoutMs, onLine }) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of helpers) {
        try {
          c.kill('SIGKILL');
        } catch {}
      }
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts/bench/inbox-helper.mjs'), command],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', ...env, PARLEY_BENCH_INBOX: JSON.stringify(input) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    helpers.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
      const lines = err.split('\n');
      err = lines.pop();
      for (const l of lines) {
        onLine?.(l);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      helpers.delete(child);
      if (err) {
        onLine?.(err);
      }
      const last = out.trim().split('\n').at(-1) ?? '';
      let result = null;
      try {
        result = JSON.parse(last);
      } catch {}
      if (result?.ok) {
        resolve(result);
      } else {
        reject(
          new Error(
            `inbox-helper ${command} ${signal ? `killed (${signal}, limit ${timeoutMs / 1000} s)` : `exited ${code}`}: ` +
              `${result?.error ?? out.slice(-2000)}`,
          ),
        );
      }
    });
  });
}

// ── CPU of the machine, to tell our load from everyone else's ───────────────────────────────────────

function machineJiffies() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: total - idle, total };
}

/** Cores used between start and stop: the whole machine, the server, its PostgreSQL backends, this process. */
async function noiseMeter(pg, adminUrl, dbName, serverPid) {
  const pgAct = await samplePgActivity(pg, adminUrl, dbName, 1000);
  const t0 = performance.now();
  const m0 = machineJiffies();
  const s0 = cpuSeconds([serverPid], { tree: true });
  const c0 = process.cpuUsage();
  const load0 = os.loadavg()[0];
  return async () => {
    const wall = (performance.now() - t0) / 1000;
    const m1 = machineJiffies();
    const machine = (m1.busy - m0.busy) / 100 / wall;
    const server = (cpuSeconds([serverPid], { tree: true }) - s0) / wall;
    const backends = pgAct.cpuSeconds() / wall;
    await pgAct.stop();
    const c = process.cpuUsage(c0);
    const client = (c.user + c.system) / 1e6 / wall;
    return {
      wall,
      machine,
      server,
      backends,
      client,
      others: Math.max(0, machine - server - backends - client),
      load: [load0, os.loadavg()[0]],
    };
  };
}

// ── Timing ──────────────────────────────────────────────────────────────────────────────────────────

async function timed(baseUrl, urlPath, headers, check) {
  const t = performance.now();
  const res = await request(baseUrl, 'GET', urlPath, { headers });
  const ms = performance.now() - t;
  if (res.status !== 200) {
    throw new Error(`GET ${urlPath}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  }
  const body = res.json();
  check?.(body);
  return { ms, body };
}

const need = (cond, what) => {
  if (!cond) {
    throw new Error(`unexpected response: ${what}`);
  }
};

// ── The phase ───────────────────────────────────────────────────────────────────────────────────────

export async function runInbox({ pg, adminUrl, quick, log, serverEnv = {}, showDashboard = true }) {
  const cfg = quick
    ? { conversations: 10_000, messages: 100_000, rounds: 40, warmup: 5, explainRepeat: 5, maxSeconds: 180 }
    : {
        conversations: 100_000,
        messages: 1_000_000,
        rounds: 200,
        warmup: 20,
        explainRepeat: 15,
        maxSeconds: 900,
      };
  cfg.bigMessages = 250; // the conversation opened with ?limit=200: more than one page
  const result = { cfg, scenarios: {}, searches: [], explain: [] };

  const db = await createDatabase(pg, adminUrl);
  const data = tempDir('parley-bench-inbox-');
  const masterKey = randomBytes(32).toString('base64');
  const server = await spawnServer({
    label: 'inbox',
    env: { ...serverEnv, DATA_DIR: data.dir, DATABASE_URL: db.url, PARLEY_MASTER_KEY: masterKey },
  });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await server.ready();
    if (showDashboard) {
      // After the server started: starting it rebuilds a stale dashboard (scripts/lib.mjs ensureBuilt).
      result.dashboard = dashboardSize(log);
    }
    const { owner } = await setUpWorkspace(server);
    await client.connect();
    const ids = (
      await client.query(
        `select i.workspace_id, i.id as inbox_id, m.user_id as owner_id
           from inboxes i join memberships m on m.workspace_id = i.workspace_id and m.role = 'owner'`,
      )
    ).rows[0];

    // 1. Data.
    log(
      `  generating ${cfg.conversations.toLocaleString('en')} contacts and conversations,` +
        ` ${cfg.messages.toLocaleString('en')} messages (one conversation of ${cfg.bigMessages}) in ${db.name}…`,
    );
    const helperEnv = { PARLEY_MASTER_KEY: masterKey };
    const seed = await runHelper(
      'seed',
      {
        url: db.url,
        dataDir: data.dir,
        workspaceId: ids.workspace_id,
        inboxId: ids.inbox_id,
        ownerId: ids.owner_id,
        conversations: cfg.conversations,
        messages: cfg.messages,
        bigMessages: cfg.bigMessages,
      },
      { env: helperEnv, timeoutMs: (quick ? 5 : 30) * 60_000, onLine: log },
    );
    const f = seed.facts;
    log(
      `  generated in ${seed.timings.total.toFixed(0)} s (contacts ${seed.timings.contacts} s, conversations +` +
        ` messages with sealing and search vectors ${seed.timings.rows} s, ${seed.indexes.length} indexes` +
        ` ${seed.timings.indexes} s, vacuum analyze ${seed.timings.vacuumAnalyze} s)`,
    );
    log(
      `  ${f.messages.toLocaleString('en')} messages (${f.messages_size} with indexes; GIN search index` +
        ` ${f.search_index_size}), database ${f.database_size}; ${f.open.toLocaleString('en')} open conversations,` +
        ` ${f.open_mine.toLocaleString('en')} of them assigned to the owner, ${f.open_waiting.toLocaleString('en')} waiting` +
        ` for a reply; the big conversation has ${f.big_messages} messages`,
    );
    result.generation = seed.timings;
    result.facts = f;
    const big = seed.bigConversationId;

    // 2. The API, sequential requests, rounds interleaving every scenario so that machine noise spreads
    // over all of them alike.
    const h = { cookie: owner.cookie };
    const base = server.baseUrl;
    const list = (q) => `/api/v1/conversations?${q}`;
    const page25 = (b) =>
      need(b.items.length === 25 && b.nextCursor, `a page of 25 with a cursor, got ${b.items.length}`);
    const scenarios = [
      ['baseline', () => timed(base, '/api/v1/labels', h)],
      ['list', () => timed(base, list('status=open&limit=25'), h, page25)],
      ['listMine', () => timed(base, list('status=open&assignee=me&limit=25'), h, page25)],
      ['listWaiting', () => timed(base, list('status=open&sort=waiting_longest&limit=25'), h, page25)],
      ['listPriority', () => timed(base, list('status=open&sort=priority&limit=25'), h, page25)],
      ['counts', () => timed(base, '/api/v1/conversations/counts', h)],
    ];
    const samples = Object.fromEntries(
      [...scenarios.map(([k]) => k), 'listCursor', 'open', 'openConversation', 'openMessages', 'search'].map(
        (k) => [k, []],
      ),
    );
    const bySearch = new Map(SEARCHES.map(([cls, q]) => [q, { cls, q, ms: [], hits: null }]));
    const cursors = [];
    const openBoth = async () => {
      const t = performance.now();
      await Promise.all([
        timed(base, `/api/v1/conversations/${big}`, h),
        timed(base, `/api/v1/conversations/${big}/messages?limit=200`, h, (b) =>
          need(b.items.length === 200 && b.hasMore, `200 messages and more, got ${b.items.length}`),
        ),
      ]);
      return performance.now() - t;
    };
    let searchTurn = 0;
    const round = async (record) => {
      for (const [name, fn] of scenarios) {
        const r = await fn();
        if (record) {
          samples[name].push(r.ms);
        }
        if (name === 'list') {
          // Three pages deeper, each with the cursor of the page before.
          let cursor = r.body.nextCursor;
          for (let p = 2; p <= 4; p++) {
            const next = await timed(base, list(`status=open&limit=25&cursor=${cursor}`), h, page25);
            if (record) {
              samples.listCursor.push(next.ms);
            }
            if (cursors.length < 3) {
              cursors.push(cursor);
            }
            cursor = next.body.nextCursor;
          }
        }
      }
      for (let k = 0; k < 2; k++) {
        const s = SEARCHES[(searchTurn++ * 7) % SEARCHES.length];
        const r = await timed(base, `/api/v1/search?q=${encodeURIComponent(s[1])}`, h);
        if (record) {
          samples.search.push(r.ms);
          bySearch.get(s[1]).ms.push(r.ms);
        }
        bySearch.get(s[1]).hits = { messages: r.body.messages.length, contacts: r.body.contacts.length };
      }
      const both = await openBoth();
      const conv = await timed(base, `/api/v1/conversations/${big}`, h);
      const msgs = await timed(base, `/api/v1/conversations/${big}/messages?limit=200`, h);
      if (record) {
        samples.open.push(both);
        samples.openConversation.push(conv.ms);
        samples.openMessages.push(msgs.ms);
      }
    };
    log(
      `\n  API: ${cfg.warmup} warm-up rounds, then ${cfg.rounds} rounds of sequential requests (owner's cookie)`,
    );
    for (let i = 0; i < cfg.warmup; i++) {
      await round(false);
    }
    // Every search query once more in the warm-up, so no query is measured cold.
    for (const [, q] of SEARCHES) {
      await timed(base, `/api/v1/search?q=${encodeURIComponent(q)}`, h);
    }
    searchTurn = 0;
    const noise = await noiseMeter(pg, adminUrl, db.name, server.pid);
    const stopAt = performance.now() + cfg.maxSeconds * 1000;
    let rounds = 0;
    for (; rounds < cfg.rounds && performance.now() < stopAt; rounds++) {
      await round(true);
    }
    if (rounds < cfg.rounds) {
      log(`  stopped after ${rounds} of ${cfg.rounds} rounds: the ${cfg.maxSeconds} s budget ran out`);
    }
    const cpu = await noise();
    result.cpu = cpu;
    for (const [k, v] of Object.entries(samples)) {
      result.scenarios[k] = percentiles(v);
    }

    // How many messages each search matches (the same tsquery the server builds, see search/text.ts).
    for (const s of bySearch.values()) {
      const terms = s.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const { rows } = await client.query(
        `select count(*)::int as n from messages
          where search_vector @@ (to_tsquery('simple', $1) || plainto_tsquery('english', $2))`,
        [terms.map((t) => `${t}:*`).join(' & '), terms.join(' ')],
      );
      s.matching = rows[0].n;
      s.p = percentiles(s.ms);
      result.searches.push(s);
    }
    const classes = [...new Set(SEARCHES.map(([c]) => c))];
    result.searchClasses = classes.map((cls) => ({
      cls,
      p: percentiles(result.searches.filter((s) => s.cls === cls).flatMap((s) => s.ms)),
    }));

    printScenarios(result, log);

    // 3. Where the time goes: the same endpoints in process, their SQL, EXPLAIN ANALYZE of each query.
    const cases = [
      { name: 'list', call: 'list', filter: { status: 'open' }, page: { limit: 25 } },
      { name: 'listMine', call: 'list', filter: { status: 'open', assignee: 'me' }, page: { limit: 25 } },
      {
        name: 'listWaiting',
        call: 'list',
        filter: { status: 'open' },
        page: { limit: 25, sort: 'waiting_longest' },
      },
      {
        name: 'listPriority',
        call: 'list',
        filter: { status: 'open' },
        page: { limit: 25, sort: 'priority' },
      },
      {
        name: 'listCursor',
        call: 'list',
        filter: { status: 'open' },
        page: { limit: 25, cursor: cursors[2] },
      },
      { name: 'counts', call: 'counts' },
      { name: 'openConversation', call: 'conversation', id: big },
      { name: 'openMessages', call: 'messages', id: big, limit: 200 },
      ...SEARCHES.map(([, q]) => ({ name: `search:${q}`, call: 'search', q })),
    ];
    log(
      `\n  Where the time goes: the same calls in process (no HTTP), each query under EXPLAIN (ANALYZE, BUFFERS)`,
    );
    try {
      const ex = await runHelper(
        'explain',
        {
          url: db.url,
          dataDir: data.dir,
          workspaceId: ids.workspace_id,
          ownerId: ids.owner_id,
          cases,
          repeat: cfg.explainRepeat,
        },
        { env: helperEnv, timeoutMs: 10 * 60_000, onLine: log },
      );
      result.explain = ex.cases;
      result.leakproof = ex.leakproof;
      printExplain(result, log);
    } catch (err) {
      // The figures stand without it.
      log(`  could not explain the queries: ${err.message}`);
    }
  } finally {
    await client.end().catch(() => {});
    await server.stop();
    await db.drop().catch((err) => log(`  could not drop ${db.name}: ${err.message}`));
    data.remove();
  }
  return result;
}

// ── Output ──────────────────────────────────────────────────────────────────────────────────────────

const LABELS = {
  baseline: 'GET /api/v1/labels (auth + one tiny tenant query: the floor)',
  list: 'list: status=open&limit=25 (default sort)',
  listMine: 'list: status=open&assignee=me',
  listWaiting: 'list: status=open&sort=waiting_longest',
  listPriority: 'list: status=open&sort=priority',
  listCursor: 'list: pages 2–4 following nextCursor',
  counts: 'GET /api/v1/conversations/counts (sidebar)',
  search: 'search: all queries',
  open: 'open: conversation + 200 messages, in parallel',
  openConversation: 'open: GET /conversations/:id alone',
  openMessages: 'open: GET /conversations/:id/messages?limit=200 alone',
};
const TARGET_OF = {
  list: 'list',
  listMine: 'list',
  listWaiting: 'list',
  listPriority: 'list',
  listCursor: 'list',
  search: 'search',
  open: 'open',
};
const verdict = (name, p95) => {
  const t = INBOX_TARGETS[TARGET_OF[name]];
  return t ? `${p95 <= t.value ? 'PASS' : 'MISS'} (${t.text})` : '';
};
const pline = (p) =>
  `p50 ${fmtMs(p.p50).padStart(9)}  p95 ${fmtMs(p.p95).padStart(9)}  p99 ${fmtMs(p.p99).padStart(9)}  max ${fmtMs(p.max).padStart(9)}  n=${p.n}`;

function printScenarios(r, log) {
  const w = Math.max(...Object.values(LABELS).map((l) => l.length));
  for (const [k, label] of Object.entries(LABELS)) {
    const p = r.scenarios[k];
    log(`    ${label.padEnd(w)}  ${pline(p)}  ${verdict(k, p.p95)}`);
  }
  log('  search by query (matching = messages the tsquery matches; the API returns the newest 20):');
  for (const s of r.searches) {
    log(
      `    ${`"${s.q}"`.padEnd(22)} ${s.cls.padEnd(12)} matching ${String(s.matching).padStart(7)}` +
        `  → ${String(s.hits?.messages ?? 0).padStart(2)} messages, ${String(s.hits?.contacts ?? 0).padStart(2)} contacts` +
        `   p50 ${fmtMs(s.p.p50).padStart(9)}  p95 ${fmtMs(s.p.p95).padStart(9)}  n=${s.p.n}`,
    );
  }
  const c = r.cpu;
  log(
    `  CPU over the ${c.wall.toFixed(0)} s of measurement (cores of 2): machine ${c.machine.toFixed(2)}, server ${c.server.toFixed(2)},` +
      ` its PostgreSQL backends ${c.backends.toFixed(2)}, bench client ${c.client.toFixed(2)}, other processes` +
      ` ${c.others.toFixed(2)}; load average ${c.load[0].toFixed(2)} → ${c.load[1].toFixed(2)}`,
  );
  if (c.others > 0.3) {
    log(
      `  note: other processes used ${c.others.toFixed(2)} cores during the run: the tails (p95/p99) include their noise`,
    );
  }
}

const oneLine = (s, n = 160) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

function printExplain(r, log) {
  const missed = new Set();
  for (const [k, t] of Object.entries(TARGET_OF)) {
    if (r.scenarios[k] && r.scenarios[k].p95 > INBOX_TARGETS[t].value) {
      missed.add(k);
    }
  }
  const slowSearches = new Set(
    r.searches.filter((s) => s.p.p95 > INBOX_TARGETS.search.value).map((s) => `search:${s.q}`),
  );
  if (missed.has('open')) {
    missed.add('openConversation');
    missed.add('openMessages');
  }
  for (const c of r.explain) {
    const db = c.queries.reduce((s, q) => s + q.executionMs, 0);
    const plan = c.queries.reduce((s, q) => s + q.planningMs, 0);
    const slowest = [...c.queries].sort((a, b) => b.executionMs - a.executionMs)[0];
    const http = c.name.startsWith('search:')
      ? r.searches.find((s) => `search:${s.q}` === c.name)?.p.p50
      : r.scenarios[c.name]?.p50;
    log(
      `    ${c.name.padEnd(28)} HTTP p50 ${fmtMs(http).padStart(9)} | in process p50 ${fmtMs(c.inProcessP50).padStart(9)}` +
        ` | ${c.queries.length} queries: execution ${fmtMs(db)}, planning ${fmtMs(plan)}` +
        `${slowest ? `; slowest ${fmtMs(slowest.executionMs)}: ${oneLine(slowest.query, 70)}` : ''}`,
    );
  }
  const evidence = r.explain.filter(
    (c) =>
      missed.has(c.name) ||
      slowSearches.has(c.name) ||
      (c.name === 'counts' && c.queries.some((q) => q.executionMs >= 10)),
  );
  if (evidence.length === 0) {
    return;
  }
  log(
    '\n  Evidence for the figures that missed (and the sidebar counts if slow): their main queries, with plans',
  );
  const shown = new Map(); // plan shape → case that showed it
  for (const c of evidence) {
    const total = c.queries.reduce((s, q) => s + q.executionMs, 0);
    const main = [...c.queries]
      .sort((a, b) => b.executionMs - a.executionMs)
      .filter((q, i) => q.executionMs >= 5 && (i === 0 || q.executionMs >= total / 4))
      .slice(0, 2);
    if (main.length === 0) {
      const s = r.scenarios[c.name];
      const planning = c.queries.reduce((sum, q) => sum + q.planningMs, 0);
      log(
        `\n  ${c.name}: not PostgreSQL's execution. Its ${c.queries.length} queries execute in ${fmtMs(total)} (planning` +
          ` ${fmtMs(planning)}); in process the call takes ${fmtMs(c.inProcessP50)} (p50); over HTTP p50` +
          ` ${fmtMs(s?.p50)}, p95 ${fmtMs(s?.p95)}. The time is in round trips (BEGIN, set_config, each query,` +
          ' COMMIT, plus the session lookup), Node (row mapping, opening sealed text, JSON), and waiting for a' +
          ' CPU (see the CPU line above).',
      );
      continue;
    }
    for (const q of main) {
      const shape = `${q.query.replace(/\s+/g, ' ')}|${planShape(q.plan)}`;
      if (shown.has(shape)) {
        log(
          `\n  ${c.name}: ${fmtMs(q.executionMs)}, same query and plan as ${shown.get(shape)} above` +
            `${q.owner ? ` (as the owner: ${fmtMs(q.owner.executionMs)})` : ''}`,
        );
        continue;
      }
      shown.set(shape, c.name);
      log(
        `\n  ${c.name}: ${fmtMs(q.executionMs)} in PostgreSQL (EXPLAIN ANALYZE under the parley_tenant role, as the server runs it)`,
      );
      log(`    ${oneLine(q.query, 1200)}`);
      log(`    params: ${JSON.stringify(q.params)}`);
      for (const l of q.plan.split('\n')) {
        log(`      ${l}`);
      }
      if (q.owner) {
        explainOwner(q, r.leakproof ?? [], log);
      }
    }
  }
}

/** Non-LEAKPROOF operators (of those looked up) that appear in a plan's conditions. */
const leakyOps = (plan, leakproof) =>
  leakproof
    .filter((o) => !o.leakproof && plan.includes(` ${o.op} `))
    .map((o) => `${o.op} (${o.fn})`)
    .join(', ');

/** What the same query does as the owner (no row-level security), and without ordered index scans. */
function explainOwner(q, leakproof, log) {
  const ops = leakyOps(q.plan, leakproof);
  const rls =
    'under a policy PostgreSQL uses a condition as an index condition only if its operator is LEAKPROOF,' +
    ` and ${ops ? `${ops} ${ops.includes(',') ? 'are' : 'is'}` : 'this query’s operators are'} not`;
  log(
    `    the same as the owner (postgres: the tenant_isolation policies do not apply): ${fmtMs(q.owner.executionMs)}`,
  );
  logCompact(q.owner.plan, log);
  if (planShape(q.plan) === planShape(q.owner.plan)) {
    log('    (the same plan for both: a difference in time is not row-level security)');
  } else if (q.owner.executionMs * 5 < q.executionMs && ops) {
    log(`    → row-level security keeps this query off its index: ${rls}.`);
  }
  const w = q.withoutIndexScan;
  if (!w) {
    return;
  }
  log(
    '    ORDER BY … LIMIT walks an index and filters every row it passes, because the planner expects many' +
      ' matches (compare its row estimate with the rows removed). With that path off (set local' +
      ` enable_indexscan = off), as the owner: ${fmtMs(w.owner.executionMs)}`,
  );
  logCompact(w.owner.plan, log);
  log(`    and under the parley_tenant role, as the server runs it: ${fmtMs(w.tenant.executionMs)}`);
  logCompact(w.tenant.plan, log);
  if (
    w.owner.executionMs * 5 < w.tenant.executionMs &&
    planShape(w.owner.plan) !== planShape(w.tenant.plan)
  ) {
    log(`    → the owner's plan uses an index that the tenant role may not use: ${rls}.`);
  }
}

/** The plan's nodes, conditions and total time, without costs. */
function logCompact(plan, log) {
  for (const l of plan
    .split('\n')
    .filter((l) => /\(cost=|Cond:|Filter:|Rows Removed|Execution Time/.test(l))) {
    log(`      ${l.replace(/ \(cost=[^)]*\)/, '')}`);
  }
}

/** The plan's nodes without numbers and literals: tells plans of the same shape for different values. */
function planShape(plan) {
  return plan
    .split('\n')
    .filter((l) => l.includes('(cost='))
    .map((l) =>
      l
        .replace(/\(cost=.*$/, '')
        .replace(/'[^']*'/g, "'…'")
        .replace(/^[\s>-]+/, '')
        .trim(),
    )
    .filter((l) => l !== 'Result')
    .join('|');
}

/** The dashboard's initial JS (what index.html loads), and whether the build is older than its sources. */
function dashboardSize(log) {
  const dash = dashboardInitialJs();
  if (!dash) {
    return null;
  }
  log(`  dashboard initial JS: ${dash.files.map((f) => `${f.file} ${fmtKB(f.size)}`).join(', ')}`);
  try {
    const built = statSync(path.join(root, 'apps/dashboard/dist/index.html')).mtimeMs;
    const src = path.join(root, 'apps/dashboard/src');
    const newer = readdirSync(src, { recursive: true }).filter((f) => {
      const st = statSync(path.join(src, f));
      return st.isFile() && st.mtimeMs > built;
    });
    if (newer.length > 0) {
      log(
        `  note: apps/dashboard/dist is older than ${newer.length} source files (e.g. ${newer.slice(0, 3).join(', ')}):` +
          ' run `npm run build` for a current figure',
      );
    }
  } catch {}
  return dash;
}

/** Lines of the final table. `row(metric, value, { fmt, target })` is bench.mjs's. */
export function inboxRows(r, row) {
  const c = r.cfg;
  const scale = `${c.conversations / 1000}k conversations, ${c.messages >= 1e6 ? `${c.messages / 1e6}M` : `${c.messages / 1000}k`} messages`;
  if (r.generation) {
    row(`inbox data generation (${scale}), seconds`, r.generation.total, { fmt: (v) => `${v.toFixed(0)} s` });
  }
  const s = r.scenarios;
  const ms = { fmt: fmtMs };
  if (s.list) {
    row('inbox list p95: status=open (default sort)', s.list.p95, { ...ms, target: INBOX_TARGETS.list });
    row('  p50', s.list.p50, ms);
    row('inbox list p95: assignee=me', s.listMine.p95, { ...ms, target: INBOX_TARGETS.list });
    row('inbox list p95: sort=waiting_longest', s.listWaiting.p95, { ...ms, target: INBOX_TARGETS.list });
    row('inbox list p95: sort=priority', s.listPriority.p95, { ...ms, target: INBOX_TARGETS.list });
    row('inbox list p95: pages 2–4 via nextCursor', s.listCursor.p95, { ...ms, target: INBOX_TARGETS.list });
    row('inbox search p95: all queries', s.search.p95, { ...ms, target: INBOX_TARGETS.search });
    row('  p50', s.search.p50, ms);
    for (const { cls, p } of r.searchClasses) {
      row(`  search p95: ${cls}`, p.p95, { ...ms, target: INBOX_TARGETS.search });
    }
    row('inbox open p95: conversation + 200 messages', s.open.p95, { ...ms, target: INBOX_TARGETS.open });
    row('  p50', s.open.p50, ms);
    row('  p95 GET /conversations/:id alone', s.openConversation.p95, ms);
    row('  p95 GET …/messages?limit=200 alone', s.openMessages.p95, ms);
    row('inbox p95 of the floor (GET /api/v1/labels)', s.baseline.p95, ms);
  }
  if (r.dashboard !== undefined) {
    row('dashboard initial JS gzipped', r.dashboard?.total, { fmt: fmtKB, target: INBOX_TARGETS.dashboard });
  }
}
