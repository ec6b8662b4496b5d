import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { MAX_ATTACHMENT_BYTES } from './sniff.ts';

export async function registerUploads(app: App) {
  await app.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 },
    throwFileSizeLimit: true,
  });
}

/** The one file of a multipart upload (field `file`), read into memory within the size limit. */
export async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      'Upload the file as multipart/form-data with a field named file',
      415,
    );
  }
  const part = await request.file();
  if (part?.fieldname !== 'file') {
    throw new AppError('validation_failed', 'Send the file in a field named file', 400);
  }
  const bytes = await part.toBuffer();
  return { filename: part.filename || 'file', bytes };
}
