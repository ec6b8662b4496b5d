import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Sortable public id: `prefix_` + 9 chars of millisecond time + 16 random chars (base36). */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) {
    rand += ALPHABET[b % 36];
  }
  return `${prefix}_${time}${rand}`;
}

/** A secret for links and tokens: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
