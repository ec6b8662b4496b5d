import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { buildMember, buildWorkspace, PASSWORD, uniqueEmail } from '../../test/factories.ts';
import { startTestApp, type TestApp, type TSession } from '../../test/harness.ts';
import { hashSecret } from '../platform/crypto.ts';
import { newSecret } from '../platform/ids.ts';
import { insertInvitation } from './store.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function uploadLogo(session: TSession, filename: string, bytes: Buffer) {
  const boundary = '----parleytest';
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/workspace/logo',
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
  });
}

function get(session: TSession, url: string) {
  return t.app.inject({ url, headers: { cookie: session.cookie } });
}

describe('workspace settings', () => {
  it('starts with defaults every member can read: English, UTC, replies assign, no logo', async () => {
    const ws = await buildWorkspace(t, 'Acme Support');
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const res = await agent.api('GET', '/api/v1/workspace');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: ws.workspaceId,
      name: 'Acme Support',
      logoUrl: null,
      defaultLanguage: 'en',
      defaultTimeZone: 'UTC',
      autoAssignOnReply: true,
    });
  });

  it('lets admins change the name and defaults, and shows the new name in the session', async () => {
    const ws = await buildWorkspace(t, 'Old name');
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const res = await admin.api('PATCH', '/api/v1/workspace', {
      name: '  Northwind Help  ',
      defaultLanguage: 'fr',
      defaultTimeZone: 'Europe/Paris',
      autoAssignOnReply: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Northwind Help',
      defaultLanguage: 'fr',
      defaultTimeZone: 'Europe/Paris',
      autoAssignOnReply: false,
    });
    const session = (await ws.api('GET', '/api/v1/auth/session')).json();
    expect(session.workspace.name).toBe('Northwind Help');
    expect(session.workspaces[0].name).toBe('Northwind Help');
  });

  it('validates every field and refuses unknown ones', async () => {
    const ws = await buildWorkspace(t);
    for (const body of [
      { name: '   ' },
      { defaultTimeZone: 'Mars/Olympus' },
      { defaultLanguage: 'xx' },
      { autoAssignOnReply: 'yes' },
      { logoUrl: 'https://evil.example/logo.png' },
    ]) {
      const res = await ws.api('PATCH', '/api/v1/workspace', body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('refuses agents and agent tokens every change with 403', async () => {
    const ws = await buildWorkspace(t, 'Kept');
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const patch = await agent.api('PATCH', '/api/v1/workspace', { name: 'Taken over' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('forbidden');
    expect((await uploadLogo(agent, 'logo.png', PNG)).statusCode).toBe(403);
    expect((await agent.api('DELETE', '/api/v1/workspace/logo')).statusCode).toBe(403);
    const { token } = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Bot', role: 'agent' })).json();
    const byToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Taken over' },
    });
    expect(byToken.statusCode).toBe(403);
    expect((await ws.api('GET', '/api/v1/workspace')).json().name).toBe('Kept');
  });

  it('stores the logo on Parley and serves it to members from its own URL', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const uploaded = await uploadLogo(ws.owner, 'logo.png', PNG);
    expect(uploaded.statusCode).toBe(200);
    const { logoUrl } = uploaded.json();
    expect(logoUrl).toMatch(new RegExp(`^/api/v1/workspaces/${ws.workspaceId}/logo\\?v=[0-9a-f]{16}$`));

    const served = await get(agent, logoUrl);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ url: logoUrl })).statusCode).toBe(401);

    const removed = await ws.api('DELETE', '/api/v1/workspace/logo');
    expect(removed.json().logoUrl).toBeNull();
    expect((await get(agent, logoUrl)).statusCode).toBe(404);
  });

  it('accepts only images as the logo, never SVG or other files', async () => {
    const ws = await buildWorkspace(t);
    const svg = await uploadLogo(ws.owner, 'logo.svg', SVG);
    expect(svg.statusCode).toBe(415);
    const text = await uploadLogo(ws.owner, 'logo.png', Buffer.from('just some text'));
    expect(text.statusCode).toBe(415);
    const huge = await uploadLogo(ws.owner, 'logo.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect((await ws.api('GET', '/api/v1/workspace')).json().logoUrl).toBeNull();
  });

  it('gives new members the workspace default time zone and language', async () => {
    const ws = await buildWorkspace(t);
    await ws.api('PATCH', '/api/v1/workspace', { defaultTimeZone: 'America/Chicago', defaultLanguage: 'es' });
    const secret = newSecret();
    await insertInvitation(t.platform.db, {
      workspaceId: ws.workspaceId,
      email: uniqueEmail('new'),
      role: 'agent',
      tokenHash: hashSecret(secret),
      invitedBy: ws.owner.userId,
      linkSealed: null,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: secret, name: 'Nina Newbie', password: PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ timeZone: 'America/Chicago', language: 'es' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/v1/workspace'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/api/v1/workspace/logo'])).toEqual(
      expect.arrayContaining(['put', 'delete']),
    );
    expect(Object.keys(doc.paths['/api/v1/workspaces/{id}/logo'])).toEqual(['get']);
  });
});

describe('multi-tenant isolation', () => {
  it("refuses another workspace's logo and never changes another workspace's settings", async () => {
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        expect((await uploadLogo(b.owner, 'logo.png', PNG)).statusCode).toBe(200);
        return { workspace: b.workspaceId };
      },
      cases: [{ method: 'GET', route: '/api/v1/workspaces/:id/logo', id: (s) => s.workspace! }],
      covers: ['/api/v1/workspaces/'],
      verify: async (b) => {
        const settings = (await b.api('GET', '/api/v1/workspace')).json();
        expect(settings.name).toBe('Tenant B');
        expect(settings.logoUrl).not.toBeNull();
      },
    });
  });

  it("changes only the caller's own workspace", async () => {
    const a = await buildWorkspace(t, 'Alpha');
    const b = await buildWorkspace(t, 'Beta');
    await a.api('PATCH', '/api/v1/workspace', { name: 'Alpha renamed', autoAssignOnReply: false });
    expect((await uploadLogo(a.owner, 'logo.png', PNG)).statusCode).toBe(200);
    expect((await b.api('GET', '/api/v1/workspace')).json()).toMatchObject({
      id: b.workspaceId,
      name: 'Beta',
      logoUrl: null,
      autoAssignOnReply: true,
    });
  });
});
