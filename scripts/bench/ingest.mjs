// Ingest: visitors post messages as fast as the server accepts them (bounded concurrency), and one
// agent socket counts their message.created frames. Also the bare baseline (raw `pg` inserts) and a
// sampler of pg_stat_activity that shows what the server's database connections spend their time on.
import { randomBytes } from 'node:crypto';
import { cpuSeconds, percentiles, request, sleep } from './lib.mjs';

const TEXTS = [
  'Hi, I ordered a blue jacket last week and it has not arrived yet. Can you check the status?',
  'Hello! Is it possible to change the delivery address of my order before it ships?',
  'Good morning, I was charged twice for the same order. Could you please look into it?',
  'Do you ship to Canada, and how long does delivery usually take from your warehouse?',
];

/** `concurrency` loops posting visitor messages for `seconds`; counts frames at agent socket 0. */
export async function runIngest({ server, visitors, sink, seconds, concurrency, onEnd }) {
  const arrivals = new Map(); // id → arrival time at agent socket 0
  sink.current = {
    agent: (i, id, t) => {
      if (i === 0 && !arrivals.has(id)) {
        arrivals.set(id, t);
      }
    },
  };
  const accepted = [];
  const errors = new Map();
  const latency = [];
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const k = next++;
      const v = visitors[k % visitors.length];
      const t0 = performance.now();
      try {
        const res = await request(
          server.baseUrl,
          'POST',
          `/api/widget/v1/conversations/${v.conversationId}/messages`,
          { body: { text: `${TEXTS[k % TEXTS.length]} (#${k})` }, headers: { 'x-parley-visitor': v.token } },
        );
        const t1 = performance.now();
        if (res.status === 201 && t1 <= end) {
          accepted.push(res.json().id);
          latency.push(t1 - t0);
        } else if (res.status !== 201) {
          errors.set(res.status, (errors.get(res.status) ?? 0) + 1);
          if (res.status === 429) {
            await sleep(50);
          }
        }
      } catch (err) {
        const key = err.message.replace(/\/conversations\/[^/]+\//, '/conversations/:id/');
        errors.set(key, (errors.get(key) ?? 0) + 1);
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  onEnd?.();
  const stopped = performance.now();
  const runSeconds = (end - start) / 1000;
  const inWindow = accepted.filter((id) => (arrivals.get(id) ?? Number.POSITIVE_INFINITY) <= end).length;
  // Bounded wait for the rest of the frames (a lost frame never comes).
  const drainUntil = performance.now() + 5_000;
  const missing = () => accepted.reduce((n, id) => n + (arrivals.has(id) ? 0 : 1), 0);
  while (performance.now() < drainUntil && missing() > 0) {
    await sleep(100);
  }
  const lastArrival = accepted.reduce((m, id) => Math.max(m, arrivals.get(id) ?? 0), 0);
  sink.current = null;
  return {
    seconds: runSeconds,
    accepted: accepted.length,
    acceptedPerSec: accepted.length / runSeconds,
    deliveredInWindowPerSec: inWindow / runSeconds,
    delivered: accepted.length - missing(),
    lastDeliveredAfterEndMs: Math.max(0, lastArrival - end),
    tailMs: stopped - end,
    errors: Object.fromEntries(errors),
    post: percentiles(latency),
  };
}

/**
 * The bare baseline: single-row autocommit inserts of a message-sized row with `concurrency` in flight
 * over `connections` connections (the server's default pool size), for `seconds`.
 */
export async function runRawInsert({ pg, url, seconds, concurrency, connections, temp }) {
  const table = temp ? 'bench_raw_temp' : 'bench_raw';
  const ddl = `create ${temp ? 'temp ' : ''}table if not exists ${table} (
    id text primary key, workspace_id text not null, conversation_id text not null, kind text not null,
    body_sealed text not null, sender_type text not null, sender_id text, status text not null,
    language text, created_at timestamptz not null default now())`;
  const clients = [];
  try {
    for (let i = 0; i < connections; i++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      clients.push(c);
      if (temp || i === 0) {
        await c.query(ddl);
        await c.query(`create index if not exists ${table}_conv on ${table} (conversation_id, created_at)`);
      }
    }
    const workspaceId = `wsp_${randomBytes(8).toString('hex')}`;
    const sealed = randomBytes(110).toString('base64url'); // about the size of a sealed message body
    const sql = `insert into ${table} (id, workspace_id, conversation_id, kind, body_sealed, sender_type, sender_id, status, language)
      values ($1, $2, $3, 'incoming', $4, 'contact', $5, 'sent', 'en')`;
    let done = 0;
    let n = 0;
    const latency = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    // A minimal pool: a query waits for a free connection, as the server's pg.Pool does.
    const free = [...clients];
    const waiting = [];
    const acquire = () => (free.length ? Promise.resolve(free.pop()) : new Promise((r) => waiting.push(r)));
    const release = (c) => (waiting.length ? waiting.shift()(c) : free.push(c));
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const c = await acquire();
        const k = n++;
        await c
          .query(sql, [
            `msg_${randomBytes(10).toString('hex')}`,
            workspaceId,
            `cnv_${k % 1000}`,
            sealed,
            `con_${k % 1000}`,
          ])
          .finally(() => release(c));
        const t1 = performance.now();
        if (t1 <= end) {
          done++;
          latency.push(t1 - t0);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { inserted: done, perSec: done / seconds, latency: percentiles(latency) };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** Samples the non-idle connections of one database every `everyMs`: what they run or wait on. */
export async function samplePgActivity(pg, adminUrl, database, everyMs = 100) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const tally = new Map();
  let samples = 0;
  let busy = 0;
  let stopped = false;
  const cpu = new Map(); // pid → { first, last } CPU seconds
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query(
        `select pid, state, coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait, query
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        const used = cpuSeconds([r.pid]);
        const c = cpu.get(r.pid);
        if (c) {
          c.last = Math.max(c.last, used);
        } else {
          cpu.set(r.pid, { first: used, last: used });
        }
        if (r.state === 'idle') {
          continue;
        }
        busy++;
        const q = r.query.replace(/\s+/g, ' ').replace(/\$\d+/g, '$').slice(0, 110);
        const key =
          r.state === 'active' ? `active [${r.wait}] ${q}` : `${r.state} (waiting on the app) — last: ${q}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      await sleep(everyMs);
    }
  })();
  return {
    /** CPU seconds the database's backends used since sampling began. */
    cpuSeconds: () => [...cpu.values()].reduce((sum, c) => sum + c.last - c.first, 0),
    stop: async () => {
      stopped = true;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      const top = [...tally.entries()].sort((a, b) => b[1] - a[1]);
      return { samples, avgBusy: busy / Math.max(1, samples), top };
    },
  };
}

/** Transaction and row counters of one database and its tables, to compare before and after. */
export async function dbCounters(pg, dbUrl) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const db = await client.query(
      `select xact_commit::float8 as commits, tup_inserted::float8 as inserted, tup_updated::float8 as updated,
              tup_fetched::float8 as fetched, tup_returned::float8 as returned
         from pg_stat_database where datname = current_database()`,
    );
    const tables = await client.query(
      `select relname, coalesce(seq_scan, 0)::float8 as seq_scan, coalesce(seq_tup_read, 0)::float8 as seq_read,
              coalesce(idx_scan, 0)::float8 as idx_scan, coalesce(idx_tup_fetch, 0)::float8 as idx_fetch
         from pg_stat_user_tables`,
    );
    const indexes = await client.query(
      `select indexrelname as name, idx_scan::float8 as scans, idx_tup_read::float8 as read from pg_stat_user_indexes`,
    );
    return {
      ...db.rows[0],
      tables: new Map(tables.rows.map((r) => [r.relname, r])),
      indexes: new Map(indexes.rows.map((r) => [r.name, r])),
    };
  } finally {
    await client.end();
  }
}

/** Per message: commits and rows, and the tables read the most (sequential scans stand out). */
export function describeCounters(before, after, messages) {
  const per = (v) => (v / messages).toFixed(1);
  const lines = [
    `${per(after.commits - before.commits)} commits, ${per(after.inserted - before.inserted)} rows inserted,` +
      ` ${per(after.updated - before.updated)} updated, ${per(after.returned - before.returned)} rows read`,
  ];
  const tables = [];
  for (const [name, a] of after.tables) {
    const b = before.tables.get(name) ?? { seq_scan: 0, seq_read: 0, idx_scan: 0, idx_fetch: 0 };
    const seqRead = a.seq_read - b.seq_read;
    const idxFetch = a.idx_fetch - b.idx_fetch;
    tables.push({
      name,
      read: seqRead + idxFetch,
      text: `${name}: ${per(a.seq_scan - b.seq_scan)} seq scans reading ${per(seqRead)} rows, ${per(a.idx_scan - b.idx_scan)} index scans fetching ${per(idxFetch)} rows`,
    });
  }
  tables.sort((x, y) => y.read - x.read);
  const indexes = [...after.indexes.entries()]
    .map(([name, a]) => {
      const b = before.indexes.get(name) ?? { scans: 0, read: 0 };
      return { name, scans: a.scans - b.scans, read: a.read - b.read };
    })
    .sort((x, y) => y.read - x.read)
    .slice(0, 3)
    .map((i) => `index ${i.name}: ${per(i.scans)} scans reading ${per(i.read)} entries`);
  return [...lines, ...tables.slice(0, 3).map((t) => t.text), ...indexes];
}
