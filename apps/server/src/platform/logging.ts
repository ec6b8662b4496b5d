import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';

// The one place that decides what a log line may carry. Query strings hold visitor tokens, signed
// file links and invitation tokens; database errors hold the statement and its parameters (message
// text, search words, tokens' hashes). Neither is ever written, whatever logs the request or error.

/** Fields of database errors (drizzle, pg, PGlite) that repeat the statement or its values. */
const DATABASE_VALUE_FIELDS = [
  'query',
  'params',
  'parameters',
  'queryOptions',
  'detail',
  'where',
  'internalQuery',
];

const isDatabaseError = (err: Record<string, unknown>) =>
  err.name === 'DrizzleQueryError' ||
  'params' in err ||
  'query' in err ||
  (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && 'severity' in err);

/** A database error's message without the statement, its parameters or a quoted value. */
function scrubMessage(message: string) {
  return message.replace(/^Failed query:[\s\S]*$/, 'Failed query').replace(/"[^"]*"/g, '"[redacted]"');
}

type TSerializedError = Record<string, unknown> & { message?: string; stack?: string };

function scrubError(serialized: unknown, depth = 0): unknown {
  if (!serialized || typeof serialized !== 'object' || depth > 5) {
    return serialized;
  }
  const err = serialized as TSerializedError;
  const out: TSerializedError = { ...err };
  if (isDatabaseError(err)) {
    for (const field of DATABASE_VALUE_FIELDS) {
      delete out[field];
    }
    if (typeof err.message === 'string') {
      out.message = scrubMessage(err.message);
      if (typeof err.stack === 'string') {
        // The stack's first line repeats the message; keep only the frames.
        const frames = err.stack.slice(err.stack.indexOf('\n    at ') + 1);
        out.stack = `${String(err.type ?? err.name ?? 'Error')}: ${out.message}\n${frames}`;
      }
    }
  }
  if (out.cause) {
    out.cause = scrubError(out.cause, depth + 1);
  }
  if (Array.isArray(out.aggregateErrors)) {
    out.aggregateErrors = out.aggregateErrors.map((e) => scrubError(e, depth + 1));
  }
  return out;
}

/** The path of a request, never its query string. */
export const pathOf = (url: string | undefined) => (url ?? '').split('?')[0];

export const logSerializers = {
  req: (req: IncomingMessage & { ip?: string; routeOptions?: { url?: string } }) => ({
    method: req.method,
    url: pathOf(req.url),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  }),
  err: (err: unknown) => scrubError(pino.stdSerializers.errWithCause(err as Error)),
};

/** The process logger: JSON lines with the serializers above. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'parley' }, serializers: logSerializers };
  return destination ? pino(options, destination) : pino(options);
}
