import { IMAGE_TYPES, MAX_ATTACHMENT_BYTES, safeFilename, sniffAttachmentType } from '../files/sniff.ts';
import { loadFile, storeFile, verifyFileSignature } from '../files/storage.ts';
import { type Ctx, inWorkspace, type Platform, type TenantScope } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { canUploadAttachments } from './policy.ts';
import { presentAttachment } from './presenter.ts';
import * as store from './store.ts';

/** Stores an upload (sealed, content-addressed) and returns it; it joins a message when sent. */
/** An agent's upload, to send with a reply; the file is read only once access is granted. */
export async function uploadAgentAttachment(
  ctx: Ctx,
  readFile: () => Promise<{ filename: string; bytes: Buffer }>,
) {
  canUploadAttachments(ctx);
  return uploadAttachment(ctx, { type: 'user', id: ctx.actor.userId }, await readFile());
}

export async function uploadAttachment(
  scope: TenantScope,
  uploader: { type: 'contact' | 'user'; id: string },
  file: { filename: string; bytes: Buffer },
) {
  if (file.bytes.length === 0) {
    throw new AppError('validation_failed', 'The file is empty');
  }
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('payload_too_large', `Files are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  }
  const contentType = await sniffAttachmentType(file.bytes, file.filename);
  if (!contentType) {
    throw new AppError(
      'unsupported_media_type',
      'This kind of file cannot be attached; send images, PDFs, text, CSV, office documents or zip files',
    );
  }
  // Stored before the transaction; a file whose row then fails to commit is unreferenced, never served.
  const sha256 = await storeFile(scope.platform, scope.workspaceId, file.bytes);
  return inWorkspace(scope, async (tx) => {
    const row = await store.insertAttachment(tx, {
      workspaceId: scope.workspaceId,
      uploaderType: uploader.type,
      uploaderId: uploader.id,
      filename: safeFilename(file.filename),
      contentType,
      size: file.bytes.length,
      sha256,
    });
    return presentAttachment(scope.platform, row);
  });
}

/** A signed link's file: the signature (valid one hour) is the permission. */
export async function openSignedAttachment(platform: Platform, id: string, exp: number, sig: string) {
  if (!verifyFileSignature(platform, id, exp, sig)) {
    throw notFound('File');
  }
  const row = await store.findAttachmentById(platform.db, id);
  if (!row) {
    throw notFound('File');
  }
  const bytes = await loadFile(platform, row.workspaceId, row.sha256);
  if (!bytes) {
    platform.log.warn({ attachmentId: id }, 'attachment bytes missing from the file store');
    throw notFound('File');
  }
  return {
    bytes,
    contentType: row.contentType,
    filename: row.filename,
    isInline: IMAGE_TYPES.has(row.contentType),
  };
}
