import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Platform } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

// Profile pictures are Parley's own files: uploaded, checked from their bytes, stored as
// avatars/<sha256>.<ext> in the platform's file store (disk or the shared bucket) and served from
// /api/avatars/, so the dashboard's Content-Security-Policy can keep images to its own origin. They
// are public by design (shown to visitors in the widget) and named by their hash, so a name cannot be
// guessed.
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

const EXTENSION: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const CONTENT_TYPE = Object.fromEntries(Object.entries(EXTENSION).map(([type, ext]) => [ext, type]));

export const AVATAR_PATH = /^\/api\/avatars\/[0-9a-f]{64}\.(png|jpg|gif|webp)$/;
const AVATAR_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

/** Stores an uploaded picture and returns the path it is served at. */
export async function storeAvatar(platform: Platform, bytes: Buffer): Promise<string> {
  if (bytes.length > MAX_AVATAR_BYTES) {
    throw new AppError('payload_too_large', 'The picture is larger than the limit of 2 MB');
  }
  const type = (await fileTypeFromBuffer(bytes))?.mime;
  const ext = type ? EXTENSION[type] : undefined;
  if (!ext) {
    throw new AppError('validation_failed', 'Upload a PNG, JPEG, GIF or WebP picture', {
      issues: [{ path: 'body.file', message: 'Upload a PNG, JPEG, GIF or WebP picture' }],
    });
  }
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  await platform.files.put(`avatars/${name}`, bytes);
  return `/api/avatars/${name}`;
}

/** The picture named `name` as a stream (public bytes, sent as they arrive), or null when there is none. */
export async function openAvatar(platform: Platform, name: string) {
  if (!AVATAR_NAME.test(name)) {
    return null;
  }
  const stream = await platform.files.open(`avatars/${name}`);
  if (!stream) {
    return null;
  }
  return { stream, contentType: CONTENT_TYPE[name.split('.').pop() ?? ''] ?? 'application/octet-stream' };
}
