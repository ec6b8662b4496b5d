import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { DASHBOARD_DIST } from '../ops/dashboard.ts';
import { BODY_LIMIT } from './http.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TErrorBody = { error: { code: string; message: string; details?: { issues?: unknown[] } } };

/** Asserts the one error shape and returns it; never a 500, never a stray key. */
function errorOf(res: LightMyRequestResponse, status: number, code: string): TErrorBody['error'] {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as TErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) {
    expect(['code', 'message', 'details']).toContain(key);
  }
  return body.error;
}

const signIn = (payload: string | object, contentType = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

/** A directive of a Content-Security-Policy header, e.g. `script-src 'self'`. */
function directive(header: unknown, name: string): string | undefined {
  return String(header)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `));
}

describe('the one error shape', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    errorOf(await signIn('{"email": "ada@example.com",'), 400, 'invalid_json');
    errorOf(await signIn(''), 400, 'invalid_json');
  });

  it('refuses a body that tries prototype pollution as invalid JSON', async () => {
    const res = await signIn('{"__proto__":{"isAdmin":true},"email":"a@example.com","password":"x"}');
    errorOf(res, 400, 'invalid_json');
  });

  it('answers an unknown body field with 400 validation_failed naming the field', async () => {
    const error = errorOf(
      await signIn({ email: 'ada@example.com', password: 'secret-pass', isAdmin: true }),
      400,
      'validation_failed',
    );
    expect(Array.isArray(error.details?.issues)).toBe(true);
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    expect(JSON.stringify(error.details?.issues)).toContain('isAdmin');
  });

  it('answers a field of the wrong type with 400 validation_failed and its path', async () => {
    const error = errorOf(await signIn({ email: 42, password: 'secret-pass' }), 400, 'validation_failed');
    expect(error.details?.issues).toContainEqual(expect.objectContaining({ path: 'body.email' }));
    expect(error.message).toContain('body.email');
  });

  it('validates the query string with the same shape', async () => {
    const error = errorOf(
      await t.app.inject({ url: '/api/v1/jobs?state=exploded' }),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(error.details?.issues)).toContain('querystring.state');
  });

  it(`answers a body over ${BODY_LIMIT} bytes with 413 payload_too_large`, async () => {
    expect(BODY_LIMIT).toBe(1024 * 1024);
    const res = await signIn({ email: 'ada@example.com', password: 'x'.repeat(BODY_LIMIT) });
    errorOf(res, 413, 'payload_too_large');
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'answers content-type %s on a JSON route with 415 unsupported_media_type',
    async (contentType) => {
      const res = await signIn('email=ada@example.com&password=secret-pass', contentType);
      errorOf(res, 415, 'unsupported_media_type');
    },
  );

  it('answers an unknown route with 404 not_found', async () => {
    const error = errorOf(await t.app.inject({ url: '/api/v1/does-not-exist?x=1' }), 404, 'not_found');
    expect(error.message).toContain('/api/v1/does-not-exist');
    expect(error.message).not.toContain('x=1');
    errorOf(await t.app.inject({ method: 'DELETE', url: '/healthz' }), 404, 'not_found');
  });

  it('answers a URL that does not decode with 400 bad_request, before routing', async () => {
    const res = await t.app.inject({
      url: '/api/v1/members/%E0%A4%A',
      headers: { 'x-request-id': 'bad-url' },
    });
    errorOf(res, 400, 'bad_request');
    expect(res.headers['x-request-id']).toBe('bad-url');
  });

  it('answers an unauthenticated call with 401 unauthenticated', async () => {
    errorOf(await t.app.inject({ url: '/api/v1/members' }), 401, 'unauthenticated');
    const badToken = await t.app.inject({
      url: '/api/v1/members',
      headers: { authorization: 'Bearer plt_not-a-real-token-at-all' },
    });
    errorOf(badToken, 401, 'unauthenticated');
    const badCookie = await t.app.inject({
      url: '/api/v1/members',
      headers: { cookie: 'parley_session=forged' },
    });
    errorOf(badCookie, 401, 'unauthenticated');
  });

  it('never answers a hostile request with a 500', async () => {
    const requests: [Promise<LightMyRequestResponse>, number, string][] = [
      [signIn('{"email":'), 400, 'invalid_json'],
      [signIn('[]'), 400, 'validation_failed'],
      [signIn('null'), 400, 'validation_failed'],
      [signIn('"just a string"'), 400, 'validation_failed'],
      [signIn('{"email":{"$gt":""},"password":["a"]}'), 400, 'validation_failed'],
      [signIn({ email: 'ada@example.com', password: 'x'.repeat(BODY_LIMIT + 1) }), 413, 'payload_too_large'],
      [signIn('<xml/>', 'application/xml'), 415, 'unsupported_media_type'],
      [signIn('email=a', 'text/plain; charset=utf-8'), 415, 'unsupported_media_type'],
      [signIn('{}', 'application/json; charset=latin-9000'), 400, 'validation_failed'],
      [t.app.inject({ url: '/api/v1/jobs?limit=-5&cursor=yesterday' }), 400, 'validation_failed'],
      [t.app.inject({ url: '/api/v1/members/%E0%A4%A' }), 400, 'bad_request'],
      [t.app.inject({ url: '/api/v1/api-tokens/..%2f..%2fetc%2fpasswd' }), 404, 'not_found'],
      [
        t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'x'.repeat(10_000) } }),
        400,
        'validation_failed',
      ],
      [
        t.app.inject({ url: '/api/v1/members', headers: { authorization: 'Basic YWRhOnNlY3JldA==' } }),
        401,
        'unauthenticated',
      ],
    ];
    for (const [request, status, code] of requests) {
      const res = await request;
      expect({ status: res.statusCode, code: (res.json() as TErrorBody).error?.code }, res.body).toEqual({
        status,
        code,
      });
      expect(typeof (res.json() as TErrorBody).error.message).toBe('string');
    }
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy on the dashboard', async () => {
    // The dashboard may not be built in this checkout (then /app/ answers 503); helmet applies to both.
    const res = await t.app.inject({ url: '/app/' });
    expect(res.statusCode).toBe(existsSync(path.join(DASHBOARD_DIST, 'index.html')) ? 200 : 503);
    const csp = res.headers['content-security-policy'];
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(String(csp)).not.toContain("'unsafe-inline'");
    expect(String(csp)).not.toContain("'unsafe-eval'");
  });

  it('sends nosniff and the CSP on API answers and errors too', async () => {
    for (const url of ['/healthz', '/api/v1/members', '/nowhere']) {
      const res = await t.app.inject({ url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(directive(res.headers['content-security-policy'], 'frame-ancestors')).toBe(
        "frame-ancestors 'none'",
      );
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('gives every response a request id and reuses a caller-supplied valid one', async () => {
    const fresh = await t.app.inject({ url: '/healthz' });
    const generated = fresh.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const other = await t.app.inject({ url: '/healthz' });
    expect(other.headers['x-request-id']).not.toBe(generated);

    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42_x' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3a.42_x');

    const onError = await t.app.inject({ url: '/nowhere', headers: { 'x-request-id': 'trace-404' } });
    expect(onError.statusCode).toBe(404);
    expect(onError.headers['x-request-id']).toBe('trace-404');
  });

  it('replaces a request id that could smuggle content into logs or headers', async () => {
    for (const bad of ['has spaces in it', 'x'.repeat(101), 'quote"and<tag>']) {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
