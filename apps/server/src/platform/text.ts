import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// One rule for every string a client sends, wherever it sits (path, query, body, a multipart field or
// file name): PostgreSQL's text refuses NUL, and a lone half of a UTF-16 surrogate pair has no UTF-8
// form, so jsonb and text columns refuse it too. Refused at the door with one code, before any schema
// or store sees the value.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (value: string) => !value.includes('\u0000') && !LONE_SURROGATE.test(value);

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text that came from outside through a channel (an email, an SMS), made storable: a NUL or a lone
 * surrogate becomes U+FFFD, so a customer's message is kept. A person's request is refused instead.
 */
export const storableText = (value: string) =>
  value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

/** The path of the first string (or object key) in `value` that cannot be stored, or null. */
function findUnstorable(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : path;
  }
  if (!value || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) {
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorable(item, `${path}.${i}`, depth + 1);
      if (found) {
        return found;
      }
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) {
      return path;
    }
    const found = findUnstorable(item, `${path}.${key}`, depth + 1);
    if (found) {
      return found;
    }
  }
  return null;
}

/** Throws `invalid_text` (400) when any string in `value` holds a NUL or a lone surrogate. */
export function assertStorableText(value: unknown, where: string) {
  const path = findUnstorable(value, where);
  if (path) {
    throw new AppError(
      'invalid_text',
      `${path} contains a character that cannot be stored (a NUL character or half of a UTF-16 surrogate pair)`,
      { path },
    );
  }
}

/** A preValidation hook for every route: params, query and body. */
export async function refuseUnstorableText(request: FastifyRequest) {
  assertStorableText(request.params, 'params');
  assertStorableText(request.query, 'query');
  assertStorableText(request.body, 'body');
}
