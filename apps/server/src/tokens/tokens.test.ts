import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace, uniqueEmail } from '../../test/factories.ts';
import { apiAs, startTestApp, type TestApp } from '../../test/harness.ts';
import { rowsOf } from '../platform/db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and authenticates REST calls in its workspace', async () => {
    const ws = await buildWorkspace(t);
    const created = await ws.api('POST', '/api/v1/api-tokens', { name: 'Zapier', role: 'admin' });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: 'Zapier',
      role: 'admin',
      prefix: token.slice(0, 12),
      lastUsedAt: null,
    });

    const list = await ws.api('GET', '/api/v1/api-tokens');
    expect(list.body).not.toContain(token);
    const stored = await rowsOf<{ token_hash: string }>(
      t.platform.db,
      sql`select token_hash from api_tokens`,
    );
    expect(JSON.stringify(stored)).not.toContain(token);

    const bearer = apiAs(t.app, { token });
    const members = await bearer('GET', '/api/v1/members');
    expect(members.statusCode).toBe(200);
    expect(members.json().items[0].email).toBe(ws.owner.email);
    // Bearer requests need no CSRF header and can act with the token's role.
    const invite = await bearer('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' });
    expect(invite.statusCode).toBe(201);
    expect(invite.json().invitedBy).toBeNull();
    expect((await ws.api('GET', '/api/v1/api-tokens')).json().items[0].lastUsedAt).not.toBeNull();
  });

  it('an agent-role token cannot manage members or tokens', async () => {
    const ws = await buildWorkspace(t);
    const { token } = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Bot', role: 'agent' })).json();
    const bearer = apiAs(t.app, { token });
    expect((await bearer('GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await bearer('POST', '/api/v1/api-tokens', { name: 'x', role: 'admin' })).statusCode).toBe(403);
    expect(
      (await bearer('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })).statusCode,
    ).toBe(403);
  });

  it('a token cannot do what needs a person: session, profile, switching workspace', async () => {
    const ws = await buildWorkspace(t);
    const { token } = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Bot', role: 'admin' })).json();
    const bearer = apiAs(t.app, { token });
    expect((await bearer('GET', '/api/v1/me')).statusCode).toBe(403);
    expect((await bearer('POST', '/api/v1/api-tokens', { name: 'y', role: 'admin' })).statusCode).toBe(201);
  });

  it('a revoked, unknown or malformed token is refused with 401', async () => {
    const ws = await buildWorkspace(t);
    const created = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Temp', role: 'agent' })).json();
    expect((await ws.api('DELETE', `/api/v1/api-tokens/${created.apiToken.id}`)).statusCode).toBe(204);
    expect((await ws.api('DELETE', `/api/v1/api-tokens/${created.apiToken.id}`)).statusCode).toBe(404);
    for (const token of [created.token, `plt_${'a'.repeat(43)}`, 'garbage']) {
      const res = await apiAs(t.app, { token })('GET', '/api/v1/members');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect((await ws.api('GET', '/api/v1/api-tokens')).json().items).toEqual([]);
  });

  it("a token only reaches its own workspace's data", async () => {
    const a = await buildWorkspace(t, 'A');
    const b = await buildWorkspace(t, 'B');
    const agentB = await buildMember(t, b.workspaceId, 'agent');
    const { token } = (await a.api('POST', '/api/v1/api-tokens', { name: 'A bot', role: 'admin' })).json();
    const bearer = apiAs(t.app, { token });
    const members = (await bearer('GET', '/api/v1/members')).json().items as { email: string }[];
    expect(members.map((m) => m.email)).toEqual([a.owner.email]);
    expect((await bearer('DELETE', `/api/v1/members/${agentB.membershipId}`)).statusCode).toBe(404);
  });
});

describe("a token never grants more than its creator's current role", () => {
  it('shrinks at once when its creator is demoted: no more tokens, no admin work', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const { token } = (await admin.api('POST', '/api/v1/api-tokens', { name: 'Ops', role: 'admin' })).json();
    const bearer = apiAs(t.app, { token });
    expect(
      (await bearer('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })).statusCode,
    ).toBe(201);

    expect(
      (await ws.api('PATCH', `/api/v1/members/${admin.membershipId}`, { role: 'agent' })).statusCode,
    ).toBe(200);
    for (const res of [
      await bearer('POST', '/api/v1/api-tokens', { name: 'Escape hatch', role: 'admin' }),
      await bearer('GET', '/api/v1/api-tokens'),
      await bearer('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' }),
      await bearer('PATCH', `/api/v1/members/${admin.membershipId}`, { role: 'admin' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    // Still an agent's rights, as its creator has them now.
    expect((await bearer('GET', '/api/v1/members')).statusCode).toBe(200);

    expect(
      (await ws.api('PATCH', `/api/v1/members/${admin.membershipId}`, { role: 'admin' })).statusCode,
    ).toBe(200);
    expect((await bearer('GET', '/api/v1/api-tokens')).statusCode).toBe(200);
  });

  it('is refused with 401 once its creator leaves the workspace, and so is a token it made', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const { token } = (await admin.api('POST', '/api/v1/api-tokens', { name: 'Ops', role: 'admin' })).json();
    const minted = (
      await apiAs(t.app, { token })('POST', '/api/v1/api-tokens', { name: 'Child', role: 'agent' })
    ).json();
    expect(minted.apiToken.createdBy.id).toBe(admin.userId);
    expect((await ws.api('DELETE', `/api/v1/members/${admin.membershipId}`)).statusCode).toBe(204);
    for (const secret of [token, minted.token]) {
      const res = await apiAs(t.app, { token: secret })('GET', '/api/v1/members');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('lets owners list and revoke every token, and admins only their own', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const other = await buildMember(t, ws.workspaceId, 'admin');
    const adminToken = (
      await admin.api('POST', '/api/v1/api-tokens', { name: 'Ada CI', role: 'admin' })
    ).json();
    const ownerToken = (
      await ws.api('POST', '/api/v1/api-tokens', { name: 'Owner CI', role: 'admin' })
    ).json();

    const names = (res: { json: () => { items: { name: string }[] } }) =>
      res
        .json()
        .items.map((i) => i.name)
        .sort();
    expect(names(await ws.api('GET', '/api/v1/api-tokens'))).toEqual(['Ada CI', 'Owner CI']);
    expect(names(await admin.api('GET', '/api/v1/api-tokens'))).toEqual(['Ada CI']);
    expect(names(await other.api('GET', '/api/v1/api-tokens'))).toEqual([]);
    expect((await other.api('DELETE', `/api/v1/api-tokens/${adminToken.apiToken.id}`)).statusCode).toBe(404);
    expect((await admin.api('DELETE', `/api/v1/api-tokens/${ownerToken.apiToken.id}`)).statusCode).toBe(404);

    const listed = (await ws.api('GET', '/api/v1/api-tokens')).json().items as {
      id: string;
      createdBy: { id: string; name: string };
    }[];
    expect(listed.find((i) => i.id === adminToken.apiToken.id)?.createdBy).toEqual({
      id: admin.userId,
      name: 'A admin',
    });
    expect((await ws.api('DELETE', `/api/v1/api-tokens/${adminToken.apiToken.id}`)).statusCode).toBe(204);
    expect((await apiAs(t.app, { token: adminToken.token })('GET', '/api/v1/members')).statusCode).toBe(401);
    expect(names(await admin.api('GET', '/api/v1/api-tokens'))).toEqual([]);
  });
});
