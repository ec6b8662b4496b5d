import { ApiError } from './api-error';
import { keys } from './keys';
import { queryClient } from './query-client';
import type { Session } from './types';

export { ApiError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
};

const WRITE_METHODS = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to a generic error.
  }
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : response.statusText;
    return new ApiError(response.status, error.code, message, error.details);
  }
  return new ApiError(
    response.status,
    'http_error',
    `Request failed (${response.status} ${response.statusText})`.trim(),
  );
}

async function send(path: string, options: RequestOptions, csrfToken: string | undefined): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (file uploads) sets its own multipart content type and boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) {
    headers['content-type'] = 'application/json';
  }
  if (WRITE_METHODS.has(method) && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }
  return fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body:
      options.body === undefined
        ? undefined
        : isForm
          ? (options.body as FormData)
          : JSON.stringify(options.body),
    signal: options.signal,
  });
}

async function refreshCsrfToken(): Promise<string | undefined> {
  const response = await send('/api/v1/auth/session', {}, undefined);
  if (!response.ok) {
    return undefined;
  }
  const session = (await response.json()) as Session;
  queryClient.setQueryData(keys.session, session);
  return session.csrfToken;
}

/**
 * The dashboard's only way to call the API: JSON in and out (or a FormData body for uploads),
 * same-origin cookies, the CSRF header on writes (taken from the cached session), and an
 * `ApiError` for every non-2xx.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const cachedToken = queryClient.getQueryData<Session>(keys.session)?.csrfToken;
  let response = await send(path, options, cachedToken);

  // The CSRF token rotates with the session (sign-in, another tab). Fetch the current one
  // and try the write once more rather than failing a legitimate action.
  if (response.status === 403 && WRITE_METHODS.has(options.method ?? 'GET')) {
    const error = await toApiError(response.clone());
    if (error.code === 'csrf_failed') {
      const freshToken = await refreshCsrfToken();
      if (freshToken && freshToken !== cachedToken) {
        response = await send(path, options, freshToken);
      }
    }
  }

  if (!response.ok) {
    throw await toApiError(response);
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
