import type { ServerFrame } from '../shared/types.ts';

/** `ended`: the token stopped working (reset in another tab, revoked); only a fresh start helps. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'ended';

export type Realtime = {
  send: (frame: Record<string, unknown>) => void;
  close: () => void;
};

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;
/** The token does not work (any more): reset, revoked, or its inbox is gone. Retrying cannot help. */
const CLOSE_UNAUTHENTICATED = 4001;
/** The token now speaks for another contact (identified, merged): reconnect to follow it. */
const CLOSE_RIGHTS_CHANGED = 4010;

/**
 * The visitor socket: resumes from the last sequence number seen (kept in sessionStorage so a page
 * reload misses nothing), pings every 25 s and reconnects with exponential backoff (1 s → 30 s).
 */
export function connectRealtime(opts: {
  url: string;
  seqKey: string;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** The server moved this visitor to another contact: what the chat shows must be read again. */
  onRescoped?: () => void;
}): Realtime {
  let ws: WebSocket | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let isClosed = false;
  let lastSeq = readSeq();

  function readSeq(): number | null {
    try {
      const value = Number(sessionStorage.getItem(opts.seqKey));
      return value > 0 ? value : null;
    } catch {
      return null;
    }
  }

  function saveSeq(seq: unknown) {
    if (typeof seq === 'number' && seq > (lastSeq ?? 0)) {
      lastSeq = seq;
      try {
        sessionStorage.setItem(opts.seqKey, String(seq));
      } catch {
        // Kept in memory only.
      }
    }
  }

  function send(frame: Record<string, unknown>) {
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(frame));
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    opts.onStatus('connecting');
    const socket = new WebSocket(opts.url);
    ws = socket;
    socket.onopen = () => {
      // null (nothing seen yet) goes live at once without a replay.
      send({ type: 'resume', lastSeq });
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_MS);
    };
    socket.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if ('seq' in frame) {
        saveSeq(frame.seq);
      }
      if (frame.type === 'ready') {
        attempt = 0;
        saveSeq(frame.lastSeq);
        opts.onStatus('online');
      }
      opts.onFrame(frame);
    };
    socket.onclose = (event) => {
      clearInterval(pingTimer);
      if (ws !== socket || isClosed) {
        return;
      }
      ws = undefined;
      if (event.code === CLOSE_UNAUTHENTICATED) {
        opts.onStatus('ended');
        return;
      }
      opts.onStatus('offline');
      if (event.code === CLOSE_RIGHTS_CHANGED) {
        opts.onRescoped?.();
      }
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt * (0.8 + Math.random() * 0.4));
      attempt++;
      retryTimer = setTimeout(connect, delay);
    };
  }

  // Back online after a network drop: try at once instead of waiting out the backoff.
  const onOnline = () => {
    if (!ws && !isClosed) {
      attempt = 0;
      connect();
    }
  };
  addEventListener('online', onOnline);
  connect();

  return {
    send,
    close() {
      isClosed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      removeEventListener('online', onOnline);
      ws?.close();
      ws = undefined;
    },
  };
}
