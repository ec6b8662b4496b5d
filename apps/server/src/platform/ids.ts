import { randomBytes } from 'node:crypto';
import { takeRandomBytes } from './random.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

let lastTime = '';
let lastRand: number[] = [];

/**
 * Sortable public id: `prefix_` + 9 chars of millisecond time + 16 random chars (base36). Ids made by
 * this process are strictly increasing: within one millisecond the random part of the previous id is
 * counted up by one, so messages written together (a group commit) keep the order they arrived in.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  let digits: number[];
  if (time <= lastTime) {
    digits = lastRand.slice();
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 35) {
      digits[i] = 0;
      i -= 1;
    }
    if (i >= 0) {
      digits[i]! += 1;
    }
  } else {
    digits = Array.from(takeRandomBytes(16), (b) => b % 36);
    lastTime = time;
  }
  lastRand = digits;
  let rand = '';
  for (const d of digits) {
    rand += ALPHABET[d];
  }
  return `${prefix}_${lastTime}${rand}`;
}

/** A secret for links and tokens: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
