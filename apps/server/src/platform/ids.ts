import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

// Random bytes for ids are drawn 4 KB at a time: one call into the CSPRNG per 256 ids, not per id.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolAt = POOL_SIZE;

function takeRandom16(): Buffer {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  return bytes;
}

/** Sortable public id: `prefix_` + 9 chars of millisecond time + 16 random chars (base36). */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const bytes = takeRandom16();
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
