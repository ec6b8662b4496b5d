import { fileTypeFromBuffer } from 'file-type';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** What may be attached; HTML, SVG and scripts never (they would run in someone's browser). */
const ALLOWED = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'audio/mpeg',
  'audio/wav',
  'video/mp4',
]);

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The real type from the bytes (never the client's word). Text files have no signature: they pass as
 * text/plain or text/csv when they are valid UTF-8 without control characters.
 */
export async function sniffAttachmentType(bytes: Buffer, filename: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return ALLOWED.has(detected.mime) ? detected.mime : null;
  }
  const text = bytes.toString('utf8');
  const hasControl = [...text.slice(0, 65_536)].some((c) => {
    const code = c.charCodeAt(0);
    return code < 9 || (code > 13 && code < 32);
  });
  const isPlainText = !text.includes('\uFFFD') && !hasControl;
  if (!isPlainText || /<\s*(html|script|svg|!doctype)/i.test(text.slice(0, 1024))) {
    return null;
  }
  return filename.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
}

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = [...base]
    .map((c) => (c.charCodeAt(0) < 32 || '"<>|:*?'.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}
