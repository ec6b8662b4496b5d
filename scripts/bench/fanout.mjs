// Fan-out: agents reply at a steady rate and every subscribed socket (all agent sockets and the
// conversation's visitor socket) must see each reply's message.created frame. Also the bare baseline:
// a raw `ws` server in this process sending the same number of frames at the same rate.
import { WebSocketServer } from 'ws';
import { expectStatus, percentiles, pool, request, sleep } from './lib.mjs';
import { closeSockets, openSocket, peekFrame } from './sockets.mjs';

const wsUrl = (baseUrl, p) => `${baseUrl.replace(/^http/, 'ws')}${p}`;

/** Boots `count` visitors, each with a conversation of its own. */
export async function setUpVisitors(server, widgetKey, count, concurrency = 16) {
  return pool(Array.from({ length: count }), concurrency, async (_x, i) => {
    const boot = (
      await expectStatus(
        request(server.baseUrl, 'POST', '/api/widget/v1/boot', {
          body: { widgetKey, page: { url: `http://127.0.0.1/bench/page-${i}`, title: 'Bench page' } },
        }),
        200,
        'widget boot',
      )
    ).json();
    const started = (
      await expectStatus(
        request(server.baseUrl, 'POST', '/api/widget/v1/conversations', {
          body: { text: `Hello, this is visitor ${i}: I have a question about my order.` },
          headers: { 'x-parley-visitor': boot.visitorToken },
        }),
        201,
        'start conversation',
      )
    ).json();
    return { token: boot.visitorToken, conversationId: started.conversation.id };
  });
}

/**
 * Opens the agent sockets (owner's cookie) and one socket per visitor; frames go to `sink.current`
 * (swapped per phase): `agent(index, id, t, raw)` and `visitor(index, id, t)`; `sink.seq(seq)` gets
 * the sequence number of every frame agent socket 0 receives, `sink.visitorSeq(seq)` those of every
 * visitor socket.
 */
export async function openFleet(server, owner, visitors, agentCount, sink) {
  const visitorSockets = await pool(visitors, 250, (v, i) =>
    openSocket(wsUrl(server.baseUrl, `/api/widget/v1/ws?token=${encodeURIComponent(v.token)}`), {
      onCreated: (id, t) => sink.current?.visitor?.(i, id, t),
      onSeq: (seq) => sink.visitorSeq?.(seq),
    }),
  );
  const agentSockets = await pool(Array.from({ length: agentCount }), 10, (_x, i) =>
    openSocket(wsUrl(server.baseUrl, '/api/v1/ws'), {
      headers: { cookie: owner.cookie },
      onCreated: (id, t, raw) => sink.current?.agent?.(i, id, t, raw),
      onSeq: i === 0 ? (seq) => sink.seq?.(seq) : undefined,
    }),
  );
  return {
    agentSockets,
    visitorSockets,
    closed: () => [...agentSockets, ...visitorSockets].filter((s) => s.closedCode !== null).length,
    close: () => closeSockets([...agentSockets, ...visitorSockets]),
  };
}

/**
 * Calls `fire(i)` `rate` times a second for `seconds` (open loop). After a stall it catches up, but in
 * slices of at most 5 ms so that frames keep being read; it gives up at three times the planned time.
 */
async function steadyLoop(rate, seconds, fire) {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const deadline = start + seconds * 3000;
  let sent = 0;
  while (sent < total && performance.now() < deadline) {
    const tick = performance.now();
    const due = Math.min(total, Math.floor(((tick - start) / 1000) * rate) + 1);
    while (sent < due && performance.now() - tick < 5) {
      fire(sent++);
    }
    await sleep(1);
  }
  return { total, fired: sent, elapsedMs: performance.now() - start };
}

function summarise(records, expectedAgents) {
  const all = [];
  const agentOnly = [];
  const visitorOnly = [];
  const fromSent = [];
  let incomplete = 0;
  let early = 0;
  for (const r of records) {
    const complete = r.agentN >= expectedAgents && r.visitorT !== undefined;
    if (!complete) {
      incomplete++;
      continue;
    }
    const last = Math.max(r.agentMax, r.visitorT);
    if (last < r.tAcc) {
      early++;
    }
    all.push(Math.max(0, last - r.tAcc));
    agentOnly.push(Math.max(0, r.agentMax - r.tAcc));
    visitorOnly.push(Math.max(0, r.visitorT - r.tAcc));
    fromSent.push(last - r.tSent);
  }
  return {
    all: percentiles(all),
    agents: percentiles(agentOnly),
    visitors: percentiles(visitorOnly),
    fromSent: percentiles(fromSent),
    incomplete,
    early,
  };
}

/** Agents reply into visitors' conversations at `rate`/s for `seconds`; latency to every subscriber. */
export async function runFanout({
  server,
  owner,
  visitors,
  fleet,
  sink,
  rate,
  seconds,
  onEnd,
  maxInFlight = 256,
}) {
  const byId = new Map();
  const rec = (id) => {
    let r = byId.get(id);
    if (!r) {
      r = { agentN: 0, agentMax: 0, visitorT: undefined };
      byId.set(id, r);
    }
    return r;
  };
  let template = null;
  sink.current = {
    agent: (_i, id, t, raw) => {
      const r = rec(id);
      r.agentN++;
      if (t > r.agentMax) {
        r.agentMax = t;
      }
      if (!template && r.accepted) {
        template = raw.toString('utf8');
      }
    },
    visitor: (_i, id, t) => {
      const r = rec(id);
      if (r.visitorT === undefined) {
        r.visitorT = t;
      }
    },
  };
  const accepted = [];
  const errors = new Map();
  let inFlight = 0;
  let skipped = 0;
  const postLatency = [];
  const pending = new Set();
  const fire = (i) => {
    if (inFlight >= maxInFlight) {
      skipped++;
      return;
    }
    inFlight++;
    const v = visitors[i % visitors.length];
    const tSent = performance.now();
    const p = request(server.baseUrl, 'POST', `/api/v1/conversations/${v.conversationId}/messages`, {
      body: { text: `Thanks for writing in! This is reply ${i}; we are looking into your order now.` },
      headers: owner.headers,
    })
      .then((res) => {
        const tAcc = performance.now();
        postLatency.push(tAcc - tSent);
        if (res.status === 201) {
          const r = rec(res.json().id);
          r.tSent = tSent;
          r.tAcc = tAcc;
          r.accepted = true;
          accepted.push(r);
        } else {
          errors.set(res.status, (errors.get(res.status) ?? 0) + 1);
        }
      })
      .catch((err) => {
        const key = err.message.replace(/\/conversations\/[^/]+\//, '/conversations/:id/');
        errors.set(key, (errors.get(key) ?? 0) + 1);
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };
  const { total, fired, elapsedMs } = await steadyLoop(rate, seconds, fire);
  skipped += total - fired;
  await Promise.all(pending);
  onEnd?.();
  // Let the last frames arrive (bounded: a lost frame never comes).
  const expectedAgents = fleet.agentSockets.length;
  const drainUntil = performance.now() + 5_000;
  while (
    performance.now() < drainUntil &&
    accepted.some((r) => r.agentN < expectedAgents || r.visitorT === undefined)
  ) {
    await sleep(50);
  }
  sink.current = null;
  return {
    planned: total,
    accepted: accepted.length,
    skipped,
    errors: Object.fromEntries(errors),
    elapsedMs,
    post: percentiles(postLatency),
    template,
    ...summarise(accepted, expectedAgents),
  };
}

/**
 * The bare baseline: a raw `ws` server with `socketCount` sockets connected from this process. With
 * mode 'all' each message is broadcast to every socket (every socket is a subscriber); with
 * 'subscribed' the server loops over every socket and sends to the same subscribers as Parley (the
 * agent sockets and one visitor socket).
 */
export async function runBareFanout({ socketCount, agentCount, rate, seconds, mode, template }) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: false,
    maxPayload: 16 * 1024,
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  const port = wss.address().port;
  const serverSide = new Array(socketCount);
  wss.on('connection', (socket, req) => {
    serverSide[Number(new URL(req.url, 'http://x').searchParams.get('i'))] = socket;
  });
  const visitorCount = socketCount - agentCount;
  const byId = new Map();
  const clients = await pool(Array.from({ length: socketCount }), 50, (_x, i) =>
    openSocket(`ws://127.0.0.1:${port}/?i=${i}`, {
      resume: false,
      onCreated: (id, t) => {
        const r = byId.get(id);
        if (r) {
          r.n++;
          if (t > r.last) {
            r.last = t;
          }
        }
      },
    }),
  );
  while (serverSide.filter(Boolean).length < socketCount) {
    await sleep(10);
  }
  const sampleId = template ? peekFrame(Buffer.from(template))?.id : null;
  const parts =
    template && sampleId
      ? template.split(sampleId)
      : [
          '{"type":"message.created","seq":1,"data":{"id":"',
          `","conversationId":"cnv_bench","kind":"outgoing","text":"${'x'.repeat(80)}","sender":{"type":"user","id":"usr_bench","name":"Bench Owner","avatarUrl":null},"status":"sent","attachments":[],"createdAt":"2025-01-01T00:00:00.000Z"}}`,
        ];
  const records = [];
  const expected = mode === 'all' ? socketCount : agentCount + 1;
  const { elapsedMs } = await steadyLoop(rate, seconds, (i) => {
    const id = `msg_bare${String(i).padStart(8, '0')}`;
    const frame = parts.join(id);
    const r = { n: 0, last: 0, tAcc: performance.now() };
    byId.set(id, r);
    records.push(r);
    const visitor = agentCount + (i % visitorCount);
    for (let j = 0; j < socketCount; j++) {
      if (mode === 'all' || j < agentCount || j === visitor) {
        serverSide[j].send(frame);
      }
    }
  });
  const drainUntil = performance.now() + 5_000;
  while (performance.now() < drainUntil && records.some((r) => r.n < expected)) {
    await sleep(50);
  }
  const lat = records.filter((r) => r.n >= expected).map((r) => Math.max(0, r.last - r.tAcc));
  await closeSockets(clients);
  await new Promise((resolve) => wss.close(() => resolve()));
  return {
    mode,
    planned: Math.round(rate * seconds),
    fired: records.length,
    incomplete: records.length - lat.length,
    elapsedMs,
    frameBytes: Buffer.byteLength(parts.join('msg_bare00000000')),
    all: percentiles(lat),
  };
}

/** The sequence numbers one agent socket received: an agent must see every event of the workspace. */
export function seqTracker() {
  const seen = new Set();
  const seenByVisitors = new Set();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let regressions = 0;
  let last = 0;
  return {
    add: (seq) => {
      if (seq <= last) {
        regressions++;
      }
      last = seq;
      seen.add(seq);
      min = Math.min(min, seq);
      max = Math.max(max, seq);
    },
    /** A sequence number a visitor socket received (events only a visitor needs skip the agents). */
    addVisitor: (seq) => {
      seenByVisitors.add(seq);
    },
    report: () => {
      const missing = [];
      for (let s = min; s <= max && missing.length < 100_000; s++) {
        if (!seen.has(s)) {
          missing.push(s);
        }
      }
      const visitorsOnly = missing.filter((s) => seenByVisitors.has(s));
      const lost = missing.filter((s) => !seenByVisitors.has(s));
      return { received: seen.size, min, max, missing, visitorsOnly, lost, regressions };
    },
  };
}
