import WebSocket from 'ws';

export type TFrame = { type: string; seq?: number; lastSeq?: number; data?: Record<string, unknown> };

/** A WebSocket client for tests that records frames and waits for the ones it expects. */
export async function connectSocket(
  url: string,
  opts: { cookie?: string; bearer?: string; origin?: string; autoPong?: boolean } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.cookie) {
    headers.cookie = opts.cookie;
  }
  if (opts.bearer) {
    headers.authorization = `Bearer ${opts.bearer}`;
  }
  if (opts.origin) {
    headers.origin = opts.origin;
  }
  const socket = new WebSocket(url, { headers, autoPong: opts.autoPong ?? true });
  const frames: TFrame[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number; reason: string } | null = null;
  socket.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as TFrame);
    for (const w of waiters.splice(0)) {
      w();
    }
  });
  const closedPromise = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => {
      closed = { code, reason: String(reason) };
      resolve(closed);
      for (const w of waiters.splice(0)) {
        w();
      }
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
  return {
    socket,
    frames,
    closed: () => closed,
    whenClosed: closedPromise,
    send: (frame: unknown) => socket.send(JSON.stringify(frame)),
    /** Resolves with the first frame (from `from` on) that matches. */
    async waitFor(match: (f: TFrame) => boolean, timeoutMs = 10_000, from = 0): Promise<TFrame> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.slice(from).find(match);
        if (found) {
          return found;
        }
        if (closed || Date.now() > deadline) {
          throw new Error(
            `frame not received (closed: ${JSON.stringify(closed)}); got ${JSON.stringify(frames.map((f) => f.type))}`,
          );
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => socket.close(),
  };
}
