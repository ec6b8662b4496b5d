#!/usr/bin/env node
// `npm run bench`: figures against targets, beside bare baselines. A benchmark, not a test: it prints
// PASS/MISS per line and exits 0 unless something crashes. Self-contained: a temporary PostgreSQL
// database and temp data dirs, the real server spawned as a child process, everything removed at the end.
//
//   npm run bench                 full run (1,000 visitors, 10 s fan-out, 30 s ingest runs)
//   npm run bench -- --quick      10× smaller, for development (100 visitors, 5 s runs)
//   npm run bench -- --only=sizes,pg,bare,pglite,inbox    some phases only
//                                 (inbox: 100,000 conversations and 1,000,000 messages, 10× fewer with
//                                 --quick; list, search and conversation-open latency)
//   npm run bench -- --profile    also CPU-profile the server (node --cpu-prof) and print where time goes
//                                 (BENCH_PROFILE_TOP=40 prints more lines; BENCH_KEEP_PROFILE=/tmp/p keeps
//                                 the main thread's profile as /tmp/p-<engine>.cpuprofile)
//   BENCH_SERVER_ARGS='--require /tmp/x.cjs'   extra node flags for the PostgreSQL-mode server
//   BENCH_DATABASE_URL=postgres://…/postgres   the PostgreSQL to create the temporary database in
//                                 (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_KEEP_DATABASE=1         leave the PostgreSQL databases behind (names printed) for a look in psql
//
// Everything stays on 127.0.0.1; every loop is bounded in count and time.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { profileBusy, summariseProfile } from './bench/cpuprofile.mjs';
import { openFleet, runBareFanout, runFanout, seqTracker, setUpVisitors } from './bench/fanout.mjs';
import { inboxRows, runInbox } from './bench/inbox.mjs';
import { dbCounters, describeCounters, runIngest, runRawInsert, samplePgActivity } from './bench/ingest.mjs';
import {
  cpuSeconds,
  createDatabase,
  fmtKB,
  fmtMB,
  fmtMs,
  fmtRate,
  installExitCleanup,
  sampleRss,
  setUpWorkspace,
  sleep,
  spawnServer,
  tempDir,
  treeRss,
} from './bench/lib.mjs';
import { dashboardInitialJs, widgetSizes } from './bench/sizes.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const runs = (phase) => !only || only.has(phase);
// Extra node flags for the server (instrumentation, e.g. --require a counter), space-separated.
const extraServerArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cfg = quick
  ? { visitors: 100, agents: 20, fanRate: 200, fanSeconds: 5, ingestSeconds: 5, rawSeconds: 5 }
  : { visitors: 1000, agents: 20, fanRate: 200, fanSeconds: 10, ingestSeconds: 30, rawSeconds: 10 };
cfg.concurrency = 64;
cfg.fanLowRate = 40;
cfg.pgPool = 10; // the server's default DATABASE_POOL_SIZE

const serverEnv = {
  WIDGET_BOOT_RATE_LIMIT: '1000000',
  VISITOR_MESSAGE_RATE_LIMIT: '1000000',
};

// ── Results ─────────────────────────────────────────────────────────────────────────────────────────

const rows = [];
const failures = [];
/** One line of the final table; `target` is { op: '<=' | '>=', value, text }. */
function row(metric, ours, { bare, fmt = String, target } = {}) {
  const ratio = Number.isFinite(ours) && Number.isFinite(bare) && bare !== 0 ? ours / bare : undefined;
  let verdict = '';
  if (target && Number.isFinite(ours)) {
    verdict = (target.op === '<=' ? ours <= target.value : ours >= target.value) ? 'PASS' : 'MISS';
  } else if (target) {
    verdict = 'n/a';
  }
  rows.push({
    metric,
    ours: Number.isFinite(ours) ? fmt(ours) : 'n/a',
    bare: bare === undefined ? '' : Number.isFinite(bare) ? fmt(bare) : 'n/a',
    ratio: ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
    target: target?.text ?? '—',
    verdict,
  });
}

function printTable() {
  const head = ['metric', 'ours', 'bare', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.metric, r.ours, r.bare, r.ratio, r.target, r.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const c of cells) {
    console.log(line(c));
  }
}

const log = (s = '') => console.log(s);
const section = (s) => console.log(`\n━━ ${s} ━━`);

/** CPU used by the server tree, its PostgreSQL backends and this process between start and stop. */
function cpuMeter(serverPid, pgSampler = null) {
  const t0 = performance.now();
  const s0 = serverPid ? cpuSeconds([serverPid], { tree: true }) : 0;
  const p0 = pgSampler ? pgSampler.cpuSeconds() : 0;
  const c0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return () => {
    loop.disable();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cores = (s) => `${(s / wall).toFixed(2)} cores`;
    const parts = [
      ...(serverPid ? [`server ${cores(cpuSeconds([serverPid], { tree: true }) - s0)}`] : []),
      ...(pgSampler ? [`its PostgreSQL backends ${cores(pgSampler.cpuSeconds() - p0)}`] : []),
      `bench client ${cores((c.user + c.system) / 1e6)}`,
    ];
    return `  CPU over ${wall.toFixed(1)} s: ${parts.join(', ')}; bench client event-loop delay p99 ${fmtMs(loop.percentile(99) / 1e6)}, max ${fmtMs(loop.max / 1e6)}`;
  };
}

function printActivity(act, seconds) {
  const busyTotal = act.top.reduce((sum, [, n]) => sum + n, 0);
  log(
    `  pg_stat_activity, ${act.samples} samples over ${seconds.toFixed(0)} s: on average ${act.avgBusy.toFixed(1)} connections` +
      ` to the bench database were not idle; most frequent (share of non-idle samples):`,
  );
  for (const [k, n] of act.top.slice(0, 8)) {
    log(`    ${((100 * n) / Math.max(1, busyTotal)).toFixed(1).padStart(5)}%  ${k}`);
  }
}

/**
 * Gaps in the sequence numbers agent socket 0 received, leaving out the events agents never get (a
 * visitor's message being delivered is the visitor's news), and whether those events were stored.
 */
async function printGaps(tracker, dbUrl) {
  const g = tracker.report();
  if (!Number.isFinite(g.min)) {
    return;
  }
  let missing = g.missing;
  let stored = '';
  if (missing.length > 0 && !dbUrl) {
    // The embedded database cannot be read from here: the numbers agent socket 0 did not get must
    // have reached a visitor socket (the status of that visitor's own message), else they were lost.
    if (g.lost.length === 0) {
      log(
        `  agent socket 0 received every event of seq ${g.min}…${g.max} but ${g.visitorsOnly.length}, each of which reached` +
          " a visitor socket instead (the status of that visitor's own message, not sent to agents); none lost",
      );
      return;
    }
    missing = g.lost;
  }
  if (missing.length > 0 && dbUrl) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query(
        'select seq::float8 as seq, type from events where seq = any($1::bigint[]) and for_agents',
        [missing],
      );
      missing = rows.map((r) => r.seq).sort((a, b) => a - b);
      const byType = new Map();
      for (const r of rows) {
        byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
      }
      stored = `; all of them are stored in the events table (${[...byType].map(([type, n]) => `${n} ${type}`).join(', ')}), i.e. committed but never sent live`;
    } catch (err) {
      stored = `; could not look them up (${err.message})`;
    } finally {
      await c.end();
    }
  }
  if (missing.length === 0) {
    log(`  agent socket 0 received every event for agents, seq ${g.min}…${g.max}, in order`);
    return;
  }
  log(
    `  agent socket 0: ${missing.length} of the seq numbers ${g.min}…${g.max} never arrived` +
      ` (e.g. ${missing.slice(0, 5).join(', ')})${stored}`,
  );
}

function printFanout(label, r) {
  log(
    `  ${label}: ${r.accepted}/${r.planned} replies accepted in ${(r.elapsedMs / 1000).toFixed(1)} s` +
      `${r.skipped ? `, ${r.skipped} skipped (too many in flight)` : ''}` +
      `${Object.keys(r.errors).length ? `, errors ${JSON.stringify(r.errors)}` : ''}` +
      `, ${r.incomplete} not seen by every subscriber within 5 s`,
  );
  const p = (x) => `p50 ${fmtMs(x.p50)}  p95 ${fmtMs(x.p95)}  p99 ${fmtMs(x.p99)}  max ${fmtMs(x.max)}`;
  log(`    accepted → every subscriber has it:  ${p(r.all)}   (n=${r.all.n})`);
  log(`    accepted → all ${cfg.agents} agent sockets:     ${p(r.agents)}`);
  log(`    accepted → the visitor's socket:     ${p(r.visitors)}`);
  log(`    POST sent → every subscriber:         ${p(r.fromSent)}`);
  log(`    POST round trip:                      ${p(r.post)}`);
  if (r.early) {
    log(
      `    (${r.early} replies reached every subscriber before their POST answer arrived: counted as 0 ms)`,
    );
  }
}

function printIngest(label, r) {
  log(
    `  ${label}: ${r.accepted} accepted in ${r.seconds.toFixed(0)} s = ${fmtRate(r.acceptedPerSec)};` +
      ` delivered to agent socket 0 within the run ${fmtRate(r.deliveredInWindowPerSec)};` +
      ` ${r.delivered}/${r.accepted} delivered in all (last ${fmtMs(r.lastDeliveredAfterEndMs)} after the end)`,
  );
  log(
    `    POST latency p50 ${fmtMs(r.post.p50)}  p95 ${fmtMs(r.post.p95)}  p99 ${fmtMs(r.post.p99)}  max ${fmtMs(r.post.max)}` +
      `${Object.keys(r.errors).length ? `; errors ${JSON.stringify(r.errors)}` : ''}`,
  );
}

async function stopAndProfile(server, profDir, label) {
  await server.stop();
  // LOG_LEVEL=warn: anything the server logged is worth a look.
  const logged = server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{') && /"level":(40|50|60)/.test(l));
  if (logged.length > 0) {
    const msgs = new Map();
    for (const l of logged) {
      let m = l.slice(0, 120);
      try {
        const j = JSON.parse(l);
        m = `${j.msg}${j.err?.message ? `: ${j.err.message.slice(0, 100)}` : ''}`;
      } catch {}
      msgs.set(m, (msgs.get(m) ?? 0) + 1);
    }
    log(`  the ${label} server logged ${logged.length} warnings/errors:`);
    for (const [m, n] of [...msgs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
      log(`    ${n}× ${m}`);
    }
  }
  if (profDir) {
    const { readdirSync } = await import('node:fs');
    // One profile per thread: keep the busiest (the main thread; the others are tsx's loader).
    const files = readdirSync(profDir.dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => `${profDir.dir}/${f}`)
      .sort((a, b) => profileBusy(b) - profileBusy(a));
    if (files.length > 0) {
      log(`\n  CPU profile of the ${label} server's main thread (whole life of the process):`);
      log(summariseProfile(files[0], Number(process.env.BENCH_PROFILE_TOP ?? 15)));
      if (process.env.BENCH_KEEP_PROFILE) {
        const { copyFileSync } = await import('node:fs');
        const kept = `${process.env.BENCH_KEEP_PROFILE}-${label.toLowerCase()}.cpuprofile`;
        copyFileSync(files[0], kept);
        log(`  (profile kept as ${kept})`);
      }
    } else {
      log(`  (no CPU profile was written by the ${label} server)`);
    }
    profDir.remove();
  }
}

// ── Phases ──────────────────────────────────────────────────────────────────────────────────────────

const shared = { template: null, db: null };

function phaseSizes() {
  section('Widget and dashboard sizes (gzip -9)');
  const widget = widgetSizes();
  if (widget) {
    log(`  apps/widget/dist/widget.js ${fmtKB(widget.loader)}, chat.js ${fmtKB(widget.chat)}`);
  }
  const dashboard = dashboardInitialJs();
  if (dashboard) {
    log(`  dashboard initial JS: ${dashboard.files.map((f) => `${f.file} ${fmtKB(f.size)}`).join(', ')}`);
  }
  shared.sizes = { widget, dashboard };
}

async function analyze(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

async function phasePostgres() {
  section(`PostgreSQL: fan-out and ingest (${cfg.visitors} visitors, ${cfg.agents} agent sockets)`);
  shared.db ??= await createDatabase(pg, ADMIN_URL);
  const data = tempDir('parley-bench-pg-');
  const profDir = profile ? tempDir('parley-bench-prof-') : null;
  const server = await spawnServer({
    label: 'PostgreSQL',
    env: { ...serverEnv, DATA_DIR: data.dir, DATABASE_URL: shared.db.url },
    nodeArgs: [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir.dir}`] : []), ...extraServerArgs],
  });
  let fleet = null;
  try {
    await server.ready();
    const rss = sampleRss(server.pid);
    const { owner, widgetKey } = await setUpWorkspace(server);
    let t = performance.now();
    const visitors = await setUpVisitors(server, widgetKey, cfg.visitors);
    log(
      `  booted ${visitors.length} visitors with a conversation each in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    // The tables were created seconds ago: give the planner the statistics autovacuum would have
    // gathered by the time a real installation has a thousand conversations.
    await analyze(shared.db.url);
    const sink = { current: null, seq: null };
    t = performance.now();
    fleet = await openFleet(server, owner, visitors, cfg.agents, sink);
    log(
      `  opened ${fleet.visitorSockets.length} visitor + ${fleet.agentSockets.length} agent sockets in ${((performance.now() - t) / 1000).toFixed(1)} s;` +
        ` server RSS now ${fmtMB(treeRss(server.pid))}`,
    );
    await sleep(1000);

    // 1. Fan-out.
    log(`\n  Fan-out: agents reply ${cfg.fanRate}/s for ${cfg.fanSeconds} s`);
    let activity = await samplePgActivity(pg, ADMIN_URL, shared.db.name);
    let seqs = seqTracker();
    sink.seq = seqs.add;
    sink.visitorSeq = seqs.addVisitor;
    let cpu = cpuMeter(server.pid, activity);
    let cpuLine = '';
    let actStopped = null;
    const fan = await runFanout({
      server,
      owner,
      visitors,
      fleet,
      sink,
      rate: cfg.fanRate,
      seconds: cfg.fanSeconds,
      onEnd: () => {
        cpuLine = cpu();
        actStopped = activity.stop();
      },
    });
    let act = await actStopped;
    const fanMem = rss.stop();
    printFanout('Parley (PostgreSQL)', fan);
    log(cpuLine);
    printActivity(act, fan.elapsedMs / 1000);
    await printGaps(seqs, shared.db.url);
    log(
      `  server RSS peak during setup + fan-out ${fmtMB(fanMem.peak)} (${fanMem.samples} samples every 250 ms)`,
    );
    shared.template = fan.template;
    shared.fan = fan;

    // The same at a rate the server keeps up with, where "POST sent → delivered" is not queueing.
    log(`\n  Fan-out again at ${cfg.fanLowRate} replies/s for ${cfg.fanSeconds} s (below saturation)`);
    const low = await runFanout({
      server,
      owner,
      visitors,
      fleet,
      sink,
      rate: cfg.fanLowRate,
      seconds: cfg.fanSeconds,
    });
    printFanout('Parley (PostgreSQL)', low);
    shared.fanLow = low;
    shared.rssPgFan = fanMem.peak;
    if (fleet.closed() > 0) {
      log(`  warning: ${fleet.closed()} sockets were closed by the server during the run`);
    }

    // 2. Ingest.
    log(`\n  Ingest: visitors post with ${cfg.concurrency} in flight for ${cfg.ingestSeconds} s`);
    const rss2 = sampleRss(server.pid);
    activity = await samplePgActivity(pg, ADMIN_URL, shared.db.name);
    seqs = seqTracker();
    sink.seq = seqs.add;
    sink.visitorSeq = seqs.addVisitor;
    cpu = cpuMeter(server.pid, activity);
    const before = await dbCounters(pg, shared.db.url);
    let after = null;
    const ingestFrom = (performance.now() - server.startedAt) / 1000;
    const ing = await runIngest({
      server,
      visitors,
      sink,
      seconds: cfg.ingestSeconds,
      concurrency: cfg.concurrency,
      onEnd: () => {
        cpuLine = cpu();
        actStopped = activity.stop();
        after = dbCounters(pg, shared.db.url);
      },
    });
    act = await actStopped;
    after = await after;
    const ingMem = rss2.stop();
    sink.seq = null;
    sink.visitorSeq = null;
    printIngest('Parley (PostgreSQL)', ing);
    log(cpuLine);
    if (profDir) {
      // To read the profile of this phase alone (samples of the profile count from the process start).
      log(
        `  ingest ran from ${ingestFrom.toFixed(1)} s to ${(ingestFrom + ing.seconds).toFixed(1)} s after the server was spawned`,
      );
    }
    printActivity(act, ing.seconds);
    if (ing.accepted > 0) {
      // The statistics collector flushes about once a second: approximate.
      const [first, ...tables] = describeCounters(before, after, ing.accepted);
      log(`  per accepted message (pg_stat_database, approximate): ${first}; most read tables:`);
      for (const t of tables) {
        log(`    ${t}`);
      }
    }
    await printGaps(seqs, shared.db.url);
    log(`  server RSS peak during ingest ${fmtMB(ingMem.peak)}`);
    shared.ingestPg = ing;
    if (fleet.closed() > 0) {
      log(`  warning: ${fleet.closed()} sockets were closed by the server during the run`);
    }
  } finally {
    await fleet?.close();
    await stopAndProfile(server, profDir, 'PostgreSQL');
    data.remove();
  }
}

async function phaseBare() {
  section('Bare baselines');
  const totalSockets = cfg.visitors + cfg.agents;
  const bares = {};
  // Like for like first: per message the hub looks at all sockets and writes to the 21 subscribers, as
  // Parley's does. Then a true broadcast to every socket (50× the frames, and all of them are received
  // by this one process: that figure is bound by the bench client, not by ws).
  for (const mode of ['subscribed', 'all']) {
    const cpu = cpuMeter(null);
    const r = await runBareFanout({
      socketCount: totalSockets,
      agentCount: cfg.agents,
      rate: cfg.fanRate,
      seconds: cfg.fanSeconds,
      mode,
      template: shared.template,
    });
    const who =
      mode === 'all'
        ? `broadcast to all ${totalSockets} sockets`
        : `to the same ${cfg.agents + 1} subscribers, looping over all ${totalSockets} sockets`;
    log(
      `  raw ws, ${who}: ${r.fired}/${r.planned} messages of ${r.frameBytes} B at ${cfg.fanRate}/s` +
        `${r.incomplete ? ` (${r.incomplete} not received by all within 5 s)` : ''}\n` +
        `    send → every subscriber p50 ${fmtMs(r.all.p50)}  p95 ${fmtMs(r.all.p95)}  p99 ${fmtMs(r.all.p99)}  max ${fmtMs(r.all.max)}`,
    );
    log(cpu());
    bares[mode] = r;
  }
  shared.bareFan = bares;

  shared.db ??= await createDatabase(pg, ADMIN_URL);
  for (const temp of [false, true]) {
    const r = await runRawInsert({
      pg,
      url: shared.db.url,
      seconds: cfg.rawSeconds,
      concurrency: cfg.concurrency,
      connections: cfg.pgPool,
      temp,
    });
    log(
      `  raw pg inserts into ${temp ? 'a temp table (no WAL)' : 'an ordinary (logged) table'}, ${cfg.concurrency} in flight over` +
        ` ${cfg.pgPool} connections: ${fmtRate(r.perSec)} (latency p50 ${fmtMs(r.latency.p50)}, p99 ${fmtMs(r.latency.p99)})`,
    );
    shared[temp ? 'rawTemp' : 'raw'] = r;
  }
}

async function phasePglite() {
  section(`PGlite (embedded): idle memory and ingest (${cfg.visitors} visitors)`);
  const data = tempDir('parley-bench-pglite-');
  const profDir = profile ? tempDir('parley-bench-prof-') : null;
  const env = { ...serverEnv, DATA_DIR: data.dir };
  let server = null;
  let fleet = null;
  try {
    // First start on a fresh DATA_DIR (creates the embedded database), then a restart on the same one:
    // the first is what a new install sees once, the second what it runs with from then on.
    const idleAfterStart = async (what) => {
      server = await spawnServer({ label: 'PGlite', env, nodeArgs: [] });
      await server.ready();
      const readyAfter = (performance.now() - server.startedAt) / 1000;
      await sleep(5000);
      const idle = treeRss(server.pid);
      log(`  ${what}: ready after ${readyAfter.toFixed(1)} s; RSS 5 s later, idle: ${fmtMB(idle)}`);
      return idle;
    };
    shared.rssLiteIdle = await idleAfterStart('first start on an empty DATA_DIR');
    await server.stop();
    server = null;
    if (profDir) {
      server = await spawnServer({
        label: 'PGlite',
        env,
        nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir.dir}`],
      });
      await server.ready();
      log('  restarted with --cpu-prof (idle memory not measured: the profiler costs memory)');
    } else {
      shared.rssLiteIdleRestart = await idleAfterStart('restart on the same DATA_DIR');
    }
    const rss = sampleRss(server.pid);
    const { owner, widgetKey } = await setUpWorkspace(server);
    let t = performance.now();
    const visitors = await setUpVisitors(server, widgetKey, cfg.visitors);
    log(
      `  booted ${visitors.length} visitors with a conversation each in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const sink = { current: null, seq: null };
    t = performance.now();
    fleet = await openFleet(server, owner, visitors, cfg.agents, sink);
    log(
      `  opened ${fleet.visitorSockets.length} visitor + ${fleet.agentSockets.length} agent sockets in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await sleep(1000);
    const setupPeak = rss.peek().peak;
    log(`\n  Ingest: visitors post with ${cfg.concurrency} in flight for ${cfg.ingestSeconds} s`);
    const seqs = seqTracker();
    sink.seq = seqs.add;
    sink.visitorSeq = seqs.addVisitor;
    const cpu = cpuMeter(server.pid);
    let cpuLine = '';
    const ing = await runIngest({
      server,
      visitors,
      sink,
      seconds: cfg.ingestSeconds,
      concurrency: cfg.concurrency,
      onEnd: () => {
        cpuLine = cpu();
      },
    });
    const mem = rss.stop();
    const where = await memoryOf(server);
    sink.seq = null;
    sink.visitorSeq = null;
    printIngest('Parley (PGlite)', ing);
    log(cpuLine);
    await printGaps(seqs, null);
    log(
      `  server RSS peak during setup + ingest ${fmtMB(mem.peak)} (setup alone ${fmtMB(setupPeak)})${where ? `; at the end: ${where}` : ''}`,
    );
    shared.ingestLite = ing;
    shared.rssLitePeak = mem.peak;
  } finally {
    await fleet?.close();
    if (server) {
      await stopAndProfile(server, profDir, 'PGlite');
    }
    data.remove();
  }
}

async function phaseInbox() {
  section(
    `Inbox at scale on PostgreSQL: ${quick ? '10,000 conversations, 100,000' : '100,000 conversations, 1,000,000'} messages`,
  );
  // The dashboard's size is part of this section's targets; the sizes phase prints it when it runs.
  shared.inbox = await runInbox({
    pg,
    adminUrl: ADMIN_URL,
    quick,
    log,
    serverEnv,
    showDashboard: !shared.sizes,
  });
}

function summaryRows() {
  const { fan, bareFan: bare, sizes } = shared;
  if (fan || bare) {
    const target = { op: '<=', value: 50, text: '≤ 50 ms' };
    const like = bare?.subscribed?.all;
    row('fan-out p99: reply accepted → all 21 subscribers', fan?.all.p99, {
      bare: like?.p99,
      fmt: fmtMs,
      target,
    });
    row('  p50', fan?.all.p50, { bare: like?.p50, fmt: fmtMs });
    row('  p95', fan?.all.p95, { bare: like?.p95, fmt: fmtMs });
    row('  max', fan?.all.max, { bare: like?.max, fmt: fmtMs });
    row(`  p99, bare broadcasting to all ${cfg.visitors + cfg.agents}`, fan?.all.p99, {
      bare: bare?.all?.all.p99,
      fmt: fmtMs,
    });
    if (fan) {
      row(`  replies accepted/s (offered ${cfg.fanRate}/s)`, fan.accepted / (fan.elapsedMs / 1000), {
        fmt: fmtRate,
      });
      row('  p99 from POST sent (includes queueing)', fan.fromSent.p99, { fmt: fmtMs });
    }
    if (shared.fanLow) {
      const low = shared.fanLow;
      row(`  at ${cfg.fanLowRate}/s: p99 accepted → all`, low.all.p99, { fmt: fmtMs, target });
      row(`  at ${cfg.fanLowRate}/s: p99 POST sent → all`, low.fromSent.p99, { fmt: fmtMs });
    }
  }
  if (shared.ingestPg || shared.raw) {
    const target = { op: '>=', value: 1500, text: '≥ 1,500/s' };
    row('ingest PostgreSQL, accepted', shared.ingestPg?.acceptedPerSec, {
      bare: shared.raw?.perSec,
      fmt: fmtRate,
      target,
    });
    row('ingest PostgreSQL, delivered to an agent', shared.ingestPg?.deliveredInWindowPerSec, {
      bare: shared.raw?.perSec,
      fmt: fmtRate,
      target,
    });
  }
  if (shared.ingestLite) {
    row('ingest PGlite, accepted', shared.ingestLite.acceptedPerSec, { fmt: fmtRate });
    row('ingest PGlite, delivered to an agent', shared.ingestLite.deliveredInWindowPerSec, { fmt: fmtRate });
  }
  if (sizes) {
    row('widget.js gzipped', sizes.widget?.loader, {
      fmt: fmtKB,
      target: { op: '<=', value: 3 * 1024, text: '≤ 3 KB' },
    });
    row('chat.js gzipped', sizes.widget?.chat, {
      fmt: fmtKB,
      target: { op: '<=', value: 45 * 1024, text: '≤ 45 KB' },
    });
    row('dashboard initial JS gzipped', sizes.dashboard?.total, {
      fmt: fmtKB,
      target: { op: '<=', value: 250 * 1024, text: '≤ 250 KB' },
    });
  }
  const MB = 1024 * 1024;
  if (shared.rssLiteIdle !== undefined) {
    row('RSS idle, PGlite, 5 s after first start', shared.rssLiteIdle, {
      fmt: fmtMB,
      target: { op: '<=', value: 300 * MB, text: '≤ 300 MB' },
    });
  }
  if (shared.rssLiteIdleRestart !== undefined) {
    row('RSS idle, PGlite, 5 s after a restart', shared.rssLiteIdleRestart, {
      fmt: fmtMB,
      target: { op: '<=', value: 300 * MB, text: '≤ 300 MB' },
    });
  }
  if (shared.rssPgFan !== undefined) {
    row('RSS peak, PostgreSQL mode, fan-out', shared.rssPgFan, {
      fmt: fmtMB,
      target: { op: '<=', value: 600 * MB, text: '≤ 600 MB' },
    });
  }
  if (shared.rssLitePeak !== undefined) {
    row('RSS peak, PGlite mode, ingest', shared.rssLitePeak, {
      fmt: fmtMB,
      target: { op: '<=', value: 600 * MB, text: '≤ 600 MB' },
    });
  }
  if (shared.inbox) {
    inboxRows(shared.inbox, row);
  }
}
/** Where a server's memory is (its own metrics): the JavaScript heap, and memory outside it (PGlite's). */
async function memoryOf(server) {
  try {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const value = (name) => Number(text.match(new RegExp(`^${name} (\\S+)`, 'm'))?.[1] ?? Number.NaN);
    const parts = [
      ['RSS', value('parley_process_resident_memory_bytes')],
      ['JS heap used', value('parley_nodejs_heap_size_used_bytes')],
      ['JS heap total', value('parley_nodejs_heap_size_total_bytes')],
      ['outside the heap (PGlite, buffers)', value('parley_nodejs_external_memory_bytes')],
    ];
    return parts.map(([what, bytes]) => `${what} ${fmtMB(bytes)}`).join(', ');
  } catch {
    return null;
  }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  installExitCleanup();
  // The inbox phase generates a million messages before it measures: it needs time of its own.
  const watchdogMs = ((quick ? 8 : 25) + (runs('inbox') ? (quick ? 5 : 25) : 0)) * 60_000;
  setTimeout(() => {
    console.error(`\nbench: still running after ${watchdogMs / 60_000} minutes; giving up`);
    process.exit(1);
  }, watchdogMs).unref();
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      console.error(`\nbench: ${sig}, cleaning up`);
      process.exit(130); // the exit handler kills the servers, drops the database, removes temp dirs
    });
  }

  log(
    `Parley benchmark${quick ? ' (--quick)' : ''}: ${cfg.visitors} visitors, ${cfg.agents} agent sockets, fan-out ${cfg.fanRate}/s × ${cfg.fanSeconds} s,` +
      ` ingest ${cfg.ingestSeconds} s × ${cfg.concurrency} in flight. Node ${process.version}, 127.0.0.1 only.`,
  );
  log(
    'Note: a 2-core machine shared with other work; the bench client runs on the same cores as the server.',
  );
  const t0 = performance.now();
  const phases = [
    ['sizes', phaseSizes],
    ['pg', phasePostgres],
    ['bare', phaseBare],
    ['pglite', phasePglite],
    ['inbox', phaseInbox],
  ];
  try {
    for (const [name, fn] of phases) {
      if (!runs(name)) {
        continue;
      }
      try {
        await fn();
      } catch (err) {
        failures.push(name);
        console.error(`\nbench: phase '${name}' failed: ${err.stack ?? err}`);
      }
    }
  } finally {
    if (shared.db) {
      await shared.db
        .drop()
        .catch((err) => console.error(`bench: could not drop ${shared.db.name}: ${err.message}`));
    }
  }
  summaryRows();
  printTable();
  log(
    `\n(${((performance.now() - t0) / 1000).toFixed(0)} s in all; ratio = ours / bare; PASS/MISS never fails the build)`,
  );
  if (failures.length) {
    console.error(`bench: phases that crashed: ${failures.join(', ')}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
