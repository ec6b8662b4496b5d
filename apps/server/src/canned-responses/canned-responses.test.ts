import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TCannedResponse = { id: string; shortcut: string; content: string };

describe('canned responses', () => {
  it('any agent creates, lists by shortcut, changes and deletes canned responses', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const refund = await agent.api('POST', '/api/v1/canned-responses', {
      shortcut: 'refund',
      content: '  We refund within 14 days. ',
    });
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({ shortcut: 'refund', content: 'We refund within 14 days.' });
    expect(new Date(refund.json().updatedAt).toISOString()).toBe(refund.json().updatedAt);
    for (const shortcut of ['a_b', 'a-b', 'ab', '1st']) {
      await ws.api('POST', '/api/v1/canned-responses', { shortcut, content: `Text of ${shortcut}` });
    }
    const list = (await agent.api('GET', '/api/v1/canned-responses')).json().items as TCannedResponse[];
    expect(list.map((r) => r.shortcut)).toEqual(['1st', 'a-b', 'a_b', 'ab', 'refund']);

    const id = refund.json().id as string;
    const changed = await agent.api('PATCH', `/api/v1/canned-responses/${id}`, {
      content: 'Within 30 days.',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id, shortcut: 'refund', content: 'Within 30 days.' });
    const moved = await ws.api('PATCH', `/api/v1/canned-responses/${id}`, { shortcut: 'refunds' });
    expect(moved.json()).toMatchObject({ shortcut: 'refunds', content: 'Within 30 days.' });

    expect((await agent.api('DELETE', `/api/v1/canned-responses/${id}`)).statusCode).toBe(204);
    expect((await agent.api('DELETE', `/api/v1/canned-responses/${id}`)).statusCode).toBe(404);
    const after = (await ws.api('GET', '/api/v1/canned-responses')).json().items as TCannedResponse[];
    expect(after.map((r) => r.shortcut)).toEqual(['1st', 'a-b', 'a_b', 'ab']);
  });

  it('saves known {{variables}} as written and refuses unknown ones with a 400 that lists them', async () => {
    const ws = await buildWorkspace(t);
    const content =
      'Hi {{contact.first_name}} ({{ contact.name }}, {{contact.email}}), {{agent.name}} of {{workspace.name}} here. — {{agent.first_name}}';
    const saved = await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'hello', content });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().content).toBe(content);

    const refused = await ws.api('POST', '/api/v1/canned-responses', {
      shortcut: 'typo',
      content: 'Hi {{contact.nmae}}, your order {{ order.id }} ({{contact.nmae}}) is on its way',
    });
    expect(refused.statusCode).toBe(400);
    const known =
      '{{contact.name}}, {{contact.first_name}}, {{contact.email}}, {{agent.name}}, {{agent.first_name}}, {{workspace.name}}';
    expect(refused.json().error).toEqual({
      code: 'validation_failed',
      message: `body.content: Unknown variables {{contact.nmae}}, {{order.id}}: use ${known}`,
      details: {
        issues: [
          { path: 'body.content', message: `Unknown variables {{contact.nmae}}, {{order.id}}: use ${known}` },
        ],
        unknownVariables: ['contact.nmae', 'order.id'],
      },
    });

    const changed = await ws.api('PATCH', `/api/v1/canned-responses/${saved.json().id}`, {
      content: 'Bye {{visitor.name}}',
    });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.details.unknownVariables).toEqual(['visitor.name']);
    // Nothing was saved by the refused writes.
    const items = (await ws.api('GET', '/api/v1/canned-responses')).json().items as TCannedResponse[];
    expect(items.map((r) => [r.shortcut, r.content])).toEqual([['hello', content]]);
    // Single braces are plain text.
    expect(
      (await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'json', content: 'Send {"id": 1}' }))
        .statusCode,
    ).toBe(201);
  });

  it('searches shortcut and content ignoring case, taking % and _ literally', async () => {
    const ws = await buildWorkspace(t);
    for (const [shortcut, content] of [
      ['refund', 'We refund within 14 days.'],
      ['discount', 'Take 10% off your next order.'],
      ['greeting', 'Hello there, how can I help?'],
      ['snake_case', 'Plain words.'],
      ['backslash', 'Paths look like C:\\orders'],
    ]) {
      await ws.api('POST', '/api/v1/canned-responses', { shortcut, content });
    }
    const search = async (term: string) => {
      const res = await ws.api('GET', `/api/v1/canned-responses?search=${encodeURIComponent(term)}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as TCannedResponse[]).map((r) => r.shortcut);
    };
    expect(await search('REFUND')).toEqual(['refund']);
    expect(await search('hello THERE')).toEqual(['greeting']);
    expect(await search('ing')).toEqual(['greeting']);
    expect(await search('%')).toEqual(['discount']);
    expect(await search('10%')).toEqual(['discount']);
    expect(await search('_')).toEqual(['snake_case']);
    expect(await search('e_c')).toEqual(['snake_case']);
    expect(await search('C:\\')).toEqual(['backslash']);
    expect(await search('nothing like this')).toEqual([]);
    expect(await search('')).toHaveLength(5);
    expect(await search('   ')).toHaveLength(5);
  });

  it('answers a duplicate shortcut with 409 on create and change, but allows it in another workspace', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const first = (
      await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'hi', content: 'Hi!' })
    ).json();
    const duplicate = await agent.api('POST', '/api/v1/canned-responses', { shortcut: 'hi', content: 'Hey' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({
      code: 'conflict',
      message: 'The shortcut /hi is already used by another canned response',
    });
    const other = (
      await agent.api('POST', '/api/v1/canned-responses', { shortcut: 'bye', content: 'Bye' })
    ).json();
    const change = await agent.api('PATCH', `/api/v1/canned-responses/${other.id}`, { shortcut: 'hi' });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('conflict');
    expect(
      (await ws.api('PATCH', `/api/v1/canned-responses/${first.id}`, { shortcut: 'hi', content: 'Hello!' }))
        .statusCode,
    ).toBe(200);
    const items = (await ws.api('GET', '/api/v1/canned-responses')).json().items as TCannedResponse[];
    expect(items.map((r) => [r.shortcut, r.content])).toEqual([
      ['bye', 'Bye'],
      ['hi', 'Hello!'],
    ]);

    const elsewhere = await buildWorkspace(t);
    expect(
      (await elsewhere.api('POST', '/api/v1/canned-responses', { shortcut: 'hi', content: 'Hi!' }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses invalid shortcuts, content, unknown fields and parameters with 400 validation_failed', async () => {
    const ws = await buildWorkspace(t);
    const saved = (
      await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'ok', content: 'Fine' })
    ).json();
    const url = '/api/v1/canned-responses';
    for (const [method, target, body, path] of [
      ['POST', url, { shortcut: '', content: 'x' }, 'body.shortcut'],
      ['POST', url, { shortcut: 'Hello', content: 'x' }, 'body.shortcut'],
      ['POST', url, { shortcut: 'two words', content: 'x' }, 'body.shortcut'],
      ['POST', url, { shortcut: '/slash', content: 'x' }, 'body.shortcut'],
      ['POST', url, { shortcut: 'a'.repeat(41), content: 'x' }, 'body.shortcut'],
      ['POST', url, { shortcut: 'x', content: '' }, 'body.content'],
      ['POST', url, { shortcut: 'x', content: '   ' }, 'body.content'],
      ['POST', url, { shortcut: 'x', content: 'c'.repeat(5001) }, 'body.content'],
      ['POST', url, { shortcut: 'x', content: 'x', title: 'x' }, 'body'],
      ['PATCH', `${url}/${saved.id}`, { shortcut: 'UPPER' }, 'body.shortcut'],
      ['PATCH', `${url}/${saved.id}`, { text: 'x' }, 'body'],
    ] as const) {
      const res = await ws.api(method, target, body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.issues[0].path).toBe(path);
    }
    const unknownParam = await ws.api('GET', `${url}?q=x`);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json().error.code).toBe('validation_failed');

    const longest = await ws.api('POST', url, { shortcut: 'a'.repeat(40), content: 'c'.repeat(5000) });
    expect(longest.statusCode).toBe(201);
    expect((await ws.api('GET', url)).json().items).toHaveLength(2);
    const unknown = await ws.api('PATCH', `${url}/canned_unknown`, { content: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found', message: 'Canned response not found' });
  });
});

describe('multi-tenant isolation', () => {
  it("refuses another workspace's canned response ids on every canned response route", async () => {
    // Routes with ids outside /api/v1/canned-responses/ belong to other features; each is proven in its
    // own feature's cross-tenant test (see test/route-coverage.test.ts), so this one covers only these.
    const otherFeatures = t.app.parleyRoutes
      .filter(
        (r) =>
          r.url.startsWith('/api/') && r.url.includes('/:') && !r.url.startsWith('/api/v1/canned-responses/'),
      )
      .map((r) => `${r.method} ${r.url}`);
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const saved = await b.api('POST', '/api/v1/canned-responses', {
          shortcut: 'b-secret',
          content: 'Only workspace B knows this reply',
        });
        return { response: saved.json().id };
      },
      cases: [
        {
          method: 'PATCH',
          route: '/api/v1/canned-responses/:id',
          id: (s) => s.response!,
          body: { shortcut: 'taken', content: 'Overwritten' },
        },
        { method: 'DELETE', route: '/api/v1/canned-responses/:id', id: (s) => s.response! },
      ],
      exempt: otherFeatures,
      verify: async (b, s) => {
        const items = (await b.api('GET', '/api/v1/canned-responses')).json().items as TCannedResponse[];
        expect(items).toEqual([
          expect.objectContaining({
            id: s.response,
            shortcut: 'b-secret',
            content: 'Only workspace B knows this reply',
          }),
        ]);
      },
    });
  });

  it("neither lists nor finds another workspace's canned responses", async () => {
    const a = await buildWorkspace(t);
    const b = await buildWorkspace(t);
    await b.api('POST', '/api/v1/canned-responses', { shortcut: 'b-only', content: 'B reply' });
    expect((await a.api('GET', '/api/v1/canned-responses')).json().items).toEqual([]);
    expect((await a.api('GET', '/api/v1/canned-responses?search=b-only')).json().items).toEqual([]);
  });
});
