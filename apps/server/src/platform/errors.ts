export type TErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_text'
  | 'invalid_cursor'
  | 'invalid_multipart'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'last_owner'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'identity_verification_failed'
  | 'identity_verification_required'
  | 'attachments_disabled'
  | 'pre_chat_required'
  | 'channel_disconnected'
  | 'internal';

/** The one error type of Parley; mapped to `{"error":{code,message,details}}` in one place (http.ts). */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`, 404);
export const forbidden = (message: string) => new AppError('forbidden', message, 403);
export const conflict = (message: string, details?: unknown) =>
  new AppError('conflict', message, 409, details);
export const unprocessable = (message: string, details?: unknown) =>
  new AppError('unprocessable', message, 422, details);
export const unauthenticated = (message = 'Sign in to continue') =>
  new AppError('unauthenticated', message, 401);
