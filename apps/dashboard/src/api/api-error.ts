/** The one error the dashboard's API layer throws; mirrors `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.code !== 'csrf_failed';
}

/** The thing asked for does not exist (deleted, or a wrong id in the link): asking again won't help. */
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

/**
 * A failure that may pass by itself: the network, a timeout, the rate limit or the server. Any other
 * refusal (4xx) answers the same way every time, so it gets no "Try again".
 */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) {
    return true;
  }
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    return error.message;
  }
  if (error instanceof TypeError) {
    return 'Could not reach Parley. Check your connection and try again.';
  }
  return 'Something went wrong. Please try again.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

type Issue = { field: string; message: string };

/** Issues look like `{ path: "body.email", message }` (the server) or `{ path: ["email"], message }` (zod). */
function issuesOf(details: Record<string, unknown>): Issue[] {
  const issues = details.issues;
  if (!Array.isArray(issues)) {
    return [];
  }
  const result: Issue[] = [];
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) {
      continue;
    }
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const segments = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split('.') : [];
    if (segments[0] === 'body' || segments[0] === 'querystring' || segments[0] === 'params') {
      segments.shift();
    }
    if (typeof message === 'string') {
      result.push({ field: segments[0] ?? '', message });
    }
  }
  return result;
}

/** Field-level messages of a validation error, keyed by field name (first message per field). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || !isRecord(error.details)) {
    return {};
  }
  const result: Record<string, string> = {};
  // A refusal about one field (a name already taken: 409 with `details.field`) belongs beside it.
  if (typeof error.details.field === 'string') {
    result[error.details.field] = error.message;
  }
  for (const issue of issuesOf(error.details)) {
    if (!(issue.field in result)) {
      result[issue.field] = issue.message;
    }
  }
  return result;
}

/**
 * Splits a failed write into messages for the fields on screen and one for the form. The form
 * message is kept whenever no shown field explains the failure, so nothing is silently lost.
 */
export function formErrors(
  error: unknown,
  shownFields: readonly string[],
): { fields: Record<string, string | undefined>; form: string | null } {
  if (!error) {
    return { fields: {}, form: null };
  }
  const all = fieldErrors(error);
  const fields: Record<string, string | undefined> = {};
  for (const name of shownFields) {
    fields[name] = all[name];
  }
  const isExplained = shownFields.some((name) => all[name] !== undefined);
  if (isExplained) {
    return { fields, form: null };
  }
  // A validation message is prefixed with its path ("body.email: …"); show the plain sentence.
  const firstIssue = isApiError(error) && isRecord(error.details) ? issuesOf(error.details)[0] : undefined;
  return { fields, form: firstIssue?.message ?? errorMessage(error) };
}
