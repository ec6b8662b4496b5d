import { AppError } from './errors.ts';

// The one page cursor of the API: the sort key of the last row shown, as a JSON array of strings in
// base64url. Clients treat it as opaque; the server checks every part against the shape the list
// expects before it reaches SQL, so a tampered cursor is a 400 `invalid_cursor`, never a 500.

export type TCursorPart = 'id' | 'uuid' | 'integer' | 'timestamp';

const MAX_CURSOR_LENGTH = 500;

const PATTERNS: Record<Exclude<TCursorPart, 'timestamp'>, RegExp> = {
  id: /^[a-z]{1,10}_[0-9a-z]{10,40}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  integer: /^-?\d{1,9}$/,
};

/** PostgreSQL's text form of timestamptz or ISO 8601, and only a date and time that exist. */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

function isTimestamp(value: string) {
  const m = TIMESTAMP.exec(value);
  if (!m) {
    return false;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    year! >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60
  );
}

const isPart = (value: unknown, part: TCursorPart) =>
  typeof value === 'string' && (part === 'timestamp' ? isTimestamp(value) : PATTERNS[part].test(value));

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * The parts of a cursor made by `encodeCursor` for a list whose key has `shape`, or null without one.
 * Anything else — not base64url, not JSON, the wrong number of parts, an impossible date — is refused.
 */
export function decodeCursor(
  cursor: string | undefined | null,
  shape: readonly TCursorPart[],
): string[] | null {
  if (cursor === undefined || cursor === null || cursor === '') {
    return null;
  }
  let parts: unknown = null;
  if (cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor)) {
    try {
      parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      parts = null;
    }
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== shape.length ||
    !parts.every((value, i) => isPart(value, shape[i]!))
  ) {
    throw new AppError(
      'invalid_cursor',
      'The cursor is not one this list handed out; start from the first page',
    );
  }
  return parts as string[];
}

/** For lists keyed by id alone: the cursor after the last item shown, when there is a next page. */
export const nextIdCursor = (hasMore: boolean, shown: readonly { id: string }[]) => {
  const last = shown.at(-1);
  return hasMore && last ? encodeCursor([last.id]) : null;
};
export const decodeIdCursor = (cursor: string | undefined | null) =>
  decodeCursor(cursor, ['id'])?.[0] ?? null;
