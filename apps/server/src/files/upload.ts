import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { assertStorableText } from '../platform/text.ts';
import { MAX_ATTACHMENT_BYTES } from './sniff.ts';

export async function registerUploads(app: App) {
  await app.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 },
    throwFileSizeLimit: true,
  });
}

/**
 * The one mapping of multipart failures: limits are 413 (the error handler names the size), and a body
 * that is cut short, malformed or closed early is a 400 the client can act on, never a 500.
 */
function multipartError(err: unknown): unknown {
  if (err instanceof AppError) {
    return err;
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status === 413) {
    return err;
  }
  return new AppError(
    'invalid_multipart',
    'The upload is incomplete or malformed; send it again as multipart/form-data',
  );
}

/** The one file of a multipart upload (field `file`), read into memory within the size limit. */
export async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      'Upload the file as multipart/form-data with a field named file',
    );
  }
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') {
      throw new AppError('validation_failed', 'Send the file in a field named file');
    }
    const filename = part.filename || 'file';
    assertStorableText(filename, 'file.filename');
    const bytes = await part.toBuffer();
    return { filename, bytes };
  } catch (err) {
    throw multipartError(err);
  }
}
