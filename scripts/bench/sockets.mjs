// WebSocket clients for the benchmark: many sockets in one process, frames read only as far as their
// type and data.id (a prefix scan, with JSON.parse only as a fallback when the frame looks different).
import WebSocket from 'ws';

const TYPE_PREFIX = '{"type":"';
const DATA_ID = '"data":{"id":"';

/**
 * Type, seq and data.id of a frame, cheaply: the server writes `{"type":…,"seq":…,"data":{"id":…`, so
 * a scan of the first bytes is enough; anything laid out differently is parsed properly.
 */
export function peekFrame(raw) {
  const head = raw.toString('latin1', 0, Math.min(raw.length, 200));
  if (head.startsWith(TYPE_PREFIX)) {
    const typeEnd = head.indexOf('"', TYPE_PREFIX.length);
    const type = head.slice(TYPE_PREFIX.length, typeEnd);
    let seq = null;
    let at = typeEnd + 1;
    if (head.startsWith(',"seq":', at)) {
      at += 7;
      let end = at;
      while (end < head.length && head.charCodeAt(end) >= 48 && head.charCodeAt(end) <= 57) {
        end++;
      }
      seq = Number(head.slice(at, end));
      at = end;
    }
    if (type !== 'message.created') {
      return { type, seq, id: null };
    }
    if (head.startsWith(`,${DATA_ID}`, at)) {
      const start = at + 1 + DATA_ID.length;
      const end = head.indexOf('"', start);
      if (end > start) {
        return { type, seq, id: head.slice(start, end) };
      }
    }
  }
  try {
    const frame = JSON.parse(raw.toString('utf8'));
    return { type: frame.type, seq: frame.seq ?? null, id: frame.data?.id ?? null };
  } catch {
    return null;
  }
}

/**
 * Opens a socket, sends `resume` and resolves once the server says `ready`. `onCreated(id, t, raw)`
 * is called for every message.created frame with its arrival time (performance.now()), `onSeq(seq)`
 * for every frame that has a sequence number.
 */
export function openSocket(url, { headers, resume = true, onCreated, onSeq, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    const state = { ws, ready: !resume, closedCode: null, frames: 0 };
    let settled = false;
    const timer = setTimeout(
      () => finish(new Error(`socket ${url.replace(/token=.*/, 'token=…')} not ready`)),
      timeoutMs,
    );
    function finish(err) {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (err) {
        ws.terminate();
        reject(err);
      } else {
        resolve(state);
      }
    }
    ws.on('message', (raw) => {
      const t = performance.now();
      state.frames++;
      const f = peekFrame(raw);
      if (!f) {
        return;
      }
      if (onSeq && f.seq !== null) {
        onSeq(f.seq, t);
      }
      if (f.type === 'message.created') {
        if (onCreated) {
          onCreated(f.id, t, raw);
        }
      } else if (f.type === 'ready') {
        state.ready = true;
        finish();
      }
    });
    ws.on('open', () => {
      if (resume) {
        ws.send(JSON.stringify({ type: 'resume', lastSeq: null }));
      } else {
        finish();
      }
    });
    ws.on('error', (err) => finish(err));
    ws.on('close', (code) => {
      state.closedCode = code;
      finish(new Error(`socket closed with ${code} before ready`));
    });
  });
}

export async function closeSockets(states, ms = 5000) {
  await Promise.all(
    states.map(
      (s) =>
        new Promise((resolve) => {
          if (!s || s.ws.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            s.ws.terminate();
            resolve();
          }, ms);
          s.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          s.ws.close();
        }),
    ),
  );
}
