import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Platform } from '../platform/context.ts';

/**
 * Attachment bytes (and workspace logos) under `<workspace>/<sha256>` in the platform's file store
 * (local disk or the shared bucket): content-addressed (the same file uploaded twice is stored once
 * per workspace) and sealed with the workspace key, so the store only ever holds ciphertext.
 */
function keyOf(workspaceId: string, sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^ws_[0-9a-z]+$/.test(workspaceId)) {
    throw new Error('Invalid file reference');
  }
  return `${workspaceId}/${sha256}`;
}

/**
 * Seals and stores `bytes`, returning their sha256. Callers store before their transaction (sealing
 * outside it, as the group commit does), so a slow bucket never holds a database connection.
 */
export async function storeFile(platform: Platform, workspaceId: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = keyOf(workspaceId, sha256);
  const sealed = await platform.sealer.seal(platform.db, workspaceId, bytes);
  await platform.files.put(key, Buffer.from(sealed, 'utf8'));
  return sha256;
}

/** The opened bytes, or null when the store has no such file (read outside any transaction too). */
export async function loadFile(
  platform: Platform,
  workspaceId: string,
  sha256: string,
): Promise<Buffer | null> {
  // Sealed as one authenticated value: it is checked whole before a byte of it is served.
  const sealed = await platform.files.read(keyOf(workspaceId, sha256));
  return sealed ? platform.sealer.open(platform.db, workspaceId, sealed.toString('utf8')) : null;
}

function signingKey(platform: Platform) {
  return platform.sealer.deriveKey('file-urls');
}

const URL_TTL_SECONDS = 60 * 60;

/** A link to an attachment that works without a session (for <img> in the widget) until it expires. */
export function signedFileUrl(platform: Platform, attachmentId: string, now = Date.now()) {
  const exp = Math.floor(now / 1000) + URL_TTL_SECONDS;
  const sig = createHmac('sha256', signingKey(platform)).update(`${attachmentId}.${exp}`).digest('base64url');
  return `${platform.config.publicUrl}/api/files/${attachmentId}?exp=${exp}&sig=${sig}`;
}

export function verifyFileSignature(
  platform: Platform,
  attachmentId: string,
  exp: number,
  sig: string,
): boolean {
  if (exp * 1000 < Date.now()) {
    return false;
  }
  // The exact canonical text, compared in constant time: decoding first would accept other spellings
  // of the same bytes (a trailing `=`, unused low bits in the last character, standard base64).
  const expected = Buffer.from(
    createHmac('sha256', signingKey(platform)).update(`${attachmentId}.${exp}`).digest('base64url'),
  );
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
