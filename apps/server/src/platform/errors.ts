/**
 * Every error code Parley answers with, and its HTTP status: the one place a status is chosen. Clients
 * branch on the code; the status follows from it.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_text: 400,
  invalid_cursor: 400,
  invalid_multipart: 400,
  validation_failed: 400,
  pre_chat_required: 400,
  unauthenticated: 401,
  identity_verification_failed: 401,
  forbidden: 403,
  csrf_failed: 403,
  identity_verification_required: 403,
  attachments_disabled: 403,
  not_found: 404,
  conflict: 409,
  last_owner: 409,
  channel_disconnected: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  dashboard_not_built: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

/** The one error type of Parley; mapped to `{"error":{code,message,details}}` in one place (http.ts). */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new AppError('unprocessable', message, details);
export const unauthenticated = (message = 'Sign in to continue') => new AppError('unauthenticated', message);
