import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootVisitor,
  buildInbox,
  buildMember,
  buildWorkspace,
  signIn,
  type TVisitorFixture,
  type TWorkspaceFixture,
} from '../../test/factories.ts';
import { startTestApp, type TestApp, type TSession } from '../../test/harness.ts';
import { encodeCursor } from './cursor.ts';

// Walks every operation of the OpenAPI document with values no client should be able to turn into a
// 500: NUL characters and lone UTF-16 surrogates in every string of the body, in each query parameter
// and in each path segment, tampered page cursors, and cut-short or odd multipart bodies — signed in
// (as owner with CSRF, and as a website visitor) and not. Any 5xx fails, naming the request.

type TSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, TSchema>;
  additionalProperties?: boolean | TSchema;
  items?: TSchema;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  default?: unknown;
};
type TOperation = {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; schema?: TSchema }[];
  requestBody?: { content?: Record<string, { schema?: TSchema }> };
};
type TDocument = {
  paths: Record<string, Record<string, TOperation>>;
  components?: { schemas?: Record<string, TSchema> };
};

/** Strings a database cannot store, as JSON carries them (JSON.stringify escapes lone surrogates). */
const BAD_STRINGS = ['\u0000', 'text with a \u0000 inside', '\ud800', 'half a pair \udc00 here'];
/** The same, percent-encoded for a URL (a lone surrogate has no UTF-8 form: its CESU-8 bytes). */
const BAD_URL_VALUES = ['%00', 'abc%00def', 'x%ED%B0%80y'];
const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** Cursors that decode but are not ones a list handed out. */
const TAMPERED_CURSORS = [
  'garbage',
  b64('{"a":1}'),
  b64('[1,2]'),
  b64('["x"]'),
  encodeCursor(['2026-13-45 99:99:99+00', 'conv_0000000000abcdefgh']),
  encodeCursor(['2026-02-30T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000']),
  encodeCursor(['99999999999', '2026-01-01 00:00:00+00', 'conv_0000000000abcdefgh']),
  encodeCursor(['not-an-id']),
  b64('2026-13-45T00:00:00.000000Z|00000000-0000-0000-0000-000000000000'),
  b64('["\\u0000"]'),
];

let t: TestApp;
let ws: TWorkspaceFixture;
let doc: TDocument;
let widgetKey: string;
let visitor: TVisitorFixture;
/** Real ids by the path segment in front of a parameter, so bad bodies reach the deepest code. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  ws = await buildWorkspace(t);
  doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
  const inbox = await buildInbox(ws);
  widgetKey = inbox.widgetKey;
  visitor = await bootVisitor(t, widgetKey);
  const conversation = (await visitor.api('POST', '/conversations', { text: 'Hello' })).json();
  const agent = await buildMember(t, ws.workspaceId, 'agent');
  const label = (await ws.api('POST', '/api/v1/labels', { name: 'vip', color: '#336699' })).json();
  const team = (await ws.api('POST', '/api/v1/teams', { name: 'Support' })).json();
  const canned = (
    await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'hi', content: 'Hi there' })
  ).json();
  const note = (
    await ws.api('POST', `/api/v1/contacts/${visitor.contactId}/notes`, { text: 'A note' })
  ).json();
  const invitation = (
    await ws.api('POST', '/api/v1/invitations', { email: 'new@example.com', role: 'agent' })
  ).json();
  const token = (await ws.api('POST', '/api/v1/api-tokens', { name: 'CI', role: 'agent' })).json();
  const pageView = (await visitor.api('POST', '/page-views', { url: 'https://shop.example/a' })).json();
  Object.assign(ids, {
    conversations: conversation.id ?? conversation.conversation?.id,
    contacts: visitor.contactId,
    inboxes: inbox.id,
    labels: label.id,
    teams: team.id,
    members: agent.membershipId,
    'canned-responses': canned.id,
    notes: note.id,
    invitations: invitation.id,
    'api-tokens': token.apiToken.id,
    'page-views': pageView.id,
    userId: agent.userId,
    labelId: label.id,
    noteId: note.id,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function resolve(schema: TSchema | undefined): TSchema {
  if (schema?.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? '';
    return resolve(doc.components?.schemas?.[name]);
  }
  return schema ?? {};
}

/** A value for `schema` with every free string set to `bad` (or a plausible string when `bad` is null). */
function sample(raw: TSchema | undefined, bad: string | null, key = ''): unknown {
  const schema = resolve(raw);
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options) {
    return sample(options.find((o) => resolve(o).type !== 'null') ?? options[0], bad, key);
  }
  if (schema.const !== undefined) {
    return schema.const;
  }
  if (schema.enum) {
    return schema.enum[0];
  }
  const type = [schema.type ?? 'string'].flat().find((ty) => ty !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        out[name] = sample(prop, bad, name);
      }
      if (!schema.properties && schema.additionalProperties !== false) {
        out[bad ?? 'key'] = bad ?? 'value';
      }
      return out;
    }
    case 'array':
      return [sample(schema.items, bad, key)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (bad !== null) {
        return bad;
      }
      return plausibleString(schema, key);
  }
}

function plausibleString(schema: TSchema, key: string): string {
  if (key === 'widgetKey') {
    return widgetKey;
  }
  if (key === 'visitorToken') {
    return visitor.token;
  }
  if (schema.format === 'email' || /email/i.test(key)) {
    return 'ada@example.com';
  }
  if (schema.format === 'date-time') {
    return new Date().toISOString();
  }
  if (schema.format === 'uri' || /url/i.test(key)) {
    return 'https://shop.example/';
  }
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 8));
}

/** Bodies with the bad value in all strings at once, then in each top-level field alone. */
function badBodies(raw: TSchema | undefined): unknown[] {
  const schema = resolve(raw);
  if (!raw) {
    return BAD_STRINGS.map((bad) => ({ text: bad, [bad]: bad }));
  }
  const bodies: unknown[] = BAD_STRINGS.map((bad) => sample(schema, bad));
  const plausible = sample(schema, null) as Record<string, unknown>;
  for (const [i, [name, prop]] of Object.entries(schema.properties ?? {}).entries()) {
    bodies.push({ ...plausible, [name]: sample(prop, BAD_STRINGS[1 + (i % 3)]!, name) });
  }
  return bodies;
}

const multipartBodies = () => {
  const boundary = 'parleyboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  const type = `multipart/form-data; boundary=${boundary}`;
  return [
    { type, body: `${head}hello` },
    { type, body: `--${boundary}\r\nContent-Disposition: form-da` },
    { type, body: `${head.replace('a.txt', 'a\u0000b.txt')}hello\r\n--${boundary}--\r\n` },
    { type: 'multipart/form-data', body: 'no boundary' },
    { type: `multipart/form-data; boundary=${boundary}`, body: '' },
  ];
};

type TWho = 'anonymous' | 'owner' | 'visitor';

function headersFor(who: TWho): Record<string, string> {
  if (who === 'owner') {
    return { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrfToken };
  }
  if (who === 'visitor') {
    return { 'x-parley-visitor': visitor.token };
  }
  return {};
}

/** Sign-out and reset are among the routes walked: sign back in or boot again when they took effect. */
async function keepIdentities() {
  const session = await t.app.inject({ url: '/api/v1/auth/session', headers: headersFor('owner') });
  if (session.statusCode !== 200) {
    const fresh: TSession = await signIn(t, ws.owner.email);
    ws.owner = { ...fresh, email: ws.owner.email };
  }
  const own = await t.app.inject({ url: '/api/widget/v1/conversations', headers: headersFor('visitor') });
  if (own.statusCode !== 200) {
    // Once the walk has deleted the inbox, visitors stay anonymous for the remaining routes.
    visitor = await bootVisitor(t, widgetKey).catch(() => visitor);
  }
}

function fillPath(path: string, override?: { name: string; value: string }) {
  return path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
    if (override && name === override.name) {
      return override.value;
    }
    const segment = path.slice(0, offset).split('/').filter(Boolean).at(-1) ?? '';
    return ids[name] ?? ids[segment] ?? 'x';
  });
}

type TRequest = { method: string; url: string; type?: string; body?: string };

function requestsFor(method: string, path: string, op: TOperation): TRequest[] {
  const params = op.parameters ?? [];
  const base = fillPath(path);
  const out: TRequest[] = [];
  for (const p of params.filter((x) => x.in === 'path')) {
    for (const value of BAD_URL_VALUES) {
      out.push({ method, url: fillPath(path, { name: p.name, value }) });
    }
    out.push({ method, url: fillPath(path, { name: p.name, value: `${ids[p.name] ?? 'conv_x'}%00` }) });
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    const values = p.name === 'cursor' ? [...BAD_URL_VALUES, ...TAMPERED_CURSORS] : BAD_URL_VALUES;
    for (const value of values) {
      out.push({ method, url: `${base}?${p.name}=${value}` });
    }
  }
  if (method !== 'get') {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    for (const body of badBodies(schema)) {
      out.push({ method, url: base, type: 'application/json', body: JSON.stringify(body) });
    }
    if (method !== 'delete') {
      for (const m of multipartBodies()) {
        out.push({ method, url: base, ...m });
      }
    }
  }
  return out;
}

describe('bad input on every route of the OpenAPI document', () => {
  it('refuses a NUL character with invalid_text, and a tampered cursor with invalid_cursor', async () => {
    const boot = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey, page: { url: 'https://shop.example/\u0000' } },
    });
    expect(boot.statusCode).toBe(400);
    expect(boot.json().error.code).toBe('invalid_text');
    const surrogate = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/inboxes/${ids.inboxes}`,
      headers: headersFor('owner'),
      payload: { settings: { greeting: 'Hi \ud83d' } },
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.code).toBe('invalid_text');
    for (const url of [
      `/api/v1/conversations?cursor=${encodeCursor(['2026-13-45 00:00:00+00', ids.conversations!])}`,
      `/api/v1/jobs?cursor=${encodeCursor(['2026-02-30T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])}`,
      `/api/v1/members?cursor=${b64('{"id":1}')}`,
      `/api/v1/contacts?cursor=${b64('[]')}`,
    ]) {
      const res = await t.app.inject({ url, headers: headersFor('owner') });
      expect({ url, status: res.statusCode, code: res.json().error?.code }).toEqual({
        url,
        status: 400,
        code: 'invalid_cursor',
      });
    }
  });

  it('answers a cut-short upload with invalid_multipart', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/attachments',
      headers: { 'x-parley-visitor': visitor.token, 'content-type': 'multipart/form-data; boundary=b' },
      payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_multipart');
  });

  it('never answers 5xx to NUL characters, lone surrogates, tampered cursors or broken uploads', async () => {
    const failures: string[] = [];
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
      // Deletions last, so that the resources they remove serve every other route first.
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    expect(operations.length).toBeGreaterThan(80);
    let sent = 0;
    for (const { path, method, op } of operations) {
      for (const who of ['anonymous', 'owner', 'visitor'] as const) {
        for (const r of requestsFor(method, path, op)) {
          const res: LightMyRequestResponse = await t.app.inject({
            method: r.method.toUpperCase() as 'GET',
            url: r.url,
            headers: { ...headersFor(who), ...(r.type ? { 'content-type': r.type } : {}) },
            ...(r.body === undefined ? {} : { payload: r.body }),
          });
          sent += 1;
          if (res.statusCode >= 500) {
            failures.push(`${who} ${r.method.toUpperCase()} ${r.url} ${r.body ?? ''} → ${res.statusCode}`);
          } else if (res.statusCode === 400 && (r.body ?? r.url).match(/\\u0000|%00|\\ud800/)) {
            // A refusal names its reason in the one error shape.
            expect(typeof res.json().error.code).toBe('string');
          }
        }
        await keepIdentities();
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 600_000);
});
