import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Platform } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';

/**
 * Attachment bytes on local disk under DATA_DIR/files/<workspace>/<sha256>: content-addressed (the
 * same file uploaded twice is stored once per workspace) and sealed with the workspace key.
 */
function fileOf(platform: Platform, workspaceId: string, sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^ws_[0-9a-z]+$/.test(workspaceId)) {
    throw new Error('Invalid file reference');
  }
  return path.join(platform.config.dataDir, 'files', workspaceId, sha256);
}

export async function storeFile(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  bytes: Buffer,
): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = fileOf(platform, workspaceId, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const sealed = await platform.sealer.seal(q, workspaceId, bytes);
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, sealed, { mode: 0o600 });
  await rename(temp, target);
  return sha256;
}

export async function loadFile(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  sha256: string,
): Promise<Buffer> {
  const sealed = await readFile(fileOf(platform, workspaceId, sha256), 'utf8');
  return platform.sealer.open(q, workspaceId, sealed);
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
