import { randomBytes } from 'node:crypto';

// Random bytes from the CSPRNG, drawn 8 KB at a time: one call per block instead of one per id or IV
// on the message hot path. Every byte is handed out once.
const BLOCK_SIZE = 8192;
let block = Buffer.alloc(0);
let at = 0;

/** `size` fresh random bytes (a view on the current block: read them, never write to them). */
export function takeRandomBytes(size: number): Buffer {
  if (at + size > block.length) {
    block = randomBytes(Math.max(BLOCK_SIZE, size));
    at = 0;
  }
  const bytes = block.subarray(at, at + size);
  at += size;
  return bytes;
}
