import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { buildMember, buildWorkspace, uniqueEmail } from '../../test/factories.ts';
import { apiAs, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('roles are enforced on the server', () => {
  it('agents cannot manage members, invitations or tokens, and get a clear 403', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const refusals = [
      await agent.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' }),
      await agent.api('GET', '/api/v1/invitations'),
      await agent.api('PATCH', `/api/v1/members/${admin.membershipId}`, { role: 'agent' }),
      await agent.api('DELETE', `/api/v1/members/${admin.membershipId}`),
      await agent.api('GET', '/api/v1/api-tokens'),
      await agent.api('POST', '/api/v1/api-tokens', { name: 'x', role: 'agent' }),
      await agent.api('GET', '/api/v1/jobs'),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.json().error.message).toMatch(/Only admins and owners/);
    }
    const list = await agent.api('GET', '/api/v1/members');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
  });

  it('admins manage agents and admins but cannot remove, demote or create owners', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const members = (await admin.api('GET', '/api/v1/members')).json().items as {
      id: string;
      role: string;
    }[];
    const ownerId = members.find((m) => m.role === 'owner')!.id;

    const promote = await admin.api('PATCH', `/api/v1/members/${agent.membershipId}`, { role: 'admin' });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().role).toBe('admin');

    for (const res of [
      await admin.api('PATCH', `/api/v1/members/${ownerId}`, { role: 'agent' }),
      await admin.api('DELETE', `/api/v1/members/${ownerId}`),
      await admin.api('PATCH', `/api/v1/members/${agent.membershipId}`, { role: 'owner' }),
      await admin.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'owner' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/owner/i);
    }
    expect((await admin.api('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect((await agent.api('GET', '/api/v1/members')).statusCode).toBe(403);
  });

  it('tells the viewer which members they may change, by the same rule the server enforces', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const canChangeAs = async (viewer: typeof admin | typeof ws) => {
      const items = (await viewer.api('GET', '/api/v1/members')).json().items as {
        role: string;
        canChange: boolean;
      }[];
      return Object.fromEntries(items.map((m) => [m.role, m.canChange]));
    };
    expect(await canChangeAs(admin)).toEqual({ owner: false, admin: true, agent: true });
    expect(await canChangeAs(ws)).toEqual({ owner: true, admin: true, agent: true });
    expect(await canChangeAs(agent)).toEqual({ owner: false, admin: false, agent: false });
    const changed = await admin.api('PATCH', `/api/v1/members/${agent.membershipId}`, { role: 'admin' });
    expect(changed.json()).toMatchObject({ role: 'admin', canChange: true });
  });

  it('the last owner can neither leave nor be demoted; with a second owner they can', async () => {
    const ws = await buildWorkspace(t);
    const members = (await ws.api('GET', '/api/v1/members')).json().items as { id: string }[];
    const ownerMembership = members[0]!.id;
    const leave = await ws.api('DELETE', `/api/v1/members/${ownerMembership}`);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error).toMatchObject({
      code: 'last_owner',
      message: expect.stringMatching(/last owner/),
    });
    const demote = await ws.api('PATCH', `/api/v1/members/${ownerMembership}`, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_owner');

    const second = await buildMember(t, ws.workspaceId, 'admin');
    expect(
      (await ws.api('PATCH', `/api/v1/members/${second.membershipId}`, { role: 'owner' })).statusCode,
    ).toBe(200);
    expect((await ws.api('DELETE', `/api/v1/members/${ownerMembership}`)).statusCode).toBe(204);
    const session = await ws.api('GET', '/api/v1/auth/session');
    expect(session.json().workspace).toBeNull();
  });

  it('an agent can leave a workspace themselves', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    expect((await agent.api('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect((await ws.api('GET', '/api/v1/members')).json().items).toHaveLength(1);
  });

  it('refuses inviting someone who is already a member', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const res = await ws.api('POST', '/api/v1/invitations', { email: agent.email, role: 'admin' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });

  it('paginates members with a cursor', async () => {
    const ws = await buildWorkspace(t);
    for (let i = 0; i < 4; i++) {
      await buildMember(t, ws.workspaceId, 'agent');
    }
    const first = (await ws.api('GET', '/api/v1/members?limit=3')).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeTruthy();
    const second = (await ws.api('GET', `/api/v1/members?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(5);
  });
});

describe('pending invitations', () => {
  const linkOf = async (api: Awaited<ReturnType<typeof buildWorkspace>>['api'], id: string) =>
    api('POST', `/api/v1/invitations/${id}/link`);

  it('lets the inviter copy the link of an invitation they sent, and the link works', async () => {
    const ws = await buildWorkspace(t, 'Copy Co');
    const email = uniqueEmail('copied');
    const invitation = (await ws.api('POST', '/api/v1/invitations', { email, role: 'admin' })).json();
    const copied = await linkOf(ws.api, invitation.id);
    expect(copied.statusCode).toBe(200);
    const url = new URL(copied.json().url);
    expect(`${url.origin}${url.pathname}`).toBe('http://parley.test/app/invite');
    const token = url.searchParams.get('token')!;
    const lookup = await t.app.inject({ url: `/api/v1/invitations/lookup?token=${token}` });
    expect(lookup.json()).toMatchObject({ email, role: 'admin', workspace: { name: 'Copy Co' } });
    // The same link every time: copying does not replace what was mailed.
    expect((await linkOf(ws.api, invitation.id)).json().url).toBe(copied.json().url);
  });

  it("refuses to copy someone else's invitation link, owners included, and tokens", async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const byAdmin = (
      await admin.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })
    ).json();
    const byOwner = (
      await ws.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })
    ).json();
    const { token } = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Bot', role: 'admin' })).json();
    for (const res of [
      await linkOf(ws.api, byAdmin.id),
      await linkOf(admin.api, byOwner.id),
      await apiAs(t.app, { token })('POST', `/api/v1/invitations/${byOwner.id}/link`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.body).not.toContain('token=');
    }
    expect((await linkOf(admin.api, byAdmin.id)).statusCode).toBe(200);
  });

  it('refuses to copy the link of an owner invitation once its inviter is no longer an owner', async () => {
    const ws = await buildWorkspace(t);
    const second = await buildMember(t, ws.workspaceId, 'owner');
    const invitation = (
      await second.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'owner' })
    ).json();
    expect(
      (await ws.api('PATCH', `/api/v1/members/${second.membershipId}`, { role: 'admin' })).statusCode,
    ).toBe(200);
    const res = await linkOf(second.api, invitation.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/owner/);
  });

  it('re-sends an invitation with a new link and seven more days; the earlier link stops working', async () => {
    const ws = await buildWorkspace(t, 'Resend Co');
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const invitation = (
      await admin.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })
    ).json();
    const before = (await linkOf(admin.api, invitation.id)).json().url as string;
    const resent = await ws.api('POST', `/api/v1/invitations/${invitation.id}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({
      id: invitation.id,
      role: 'agent',
      invitedBy: { id: admin.userId },
    });
    expect(Date.parse(resent.json().expiresAt)).toBeGreaterThan(Date.parse(invitation.expiresAt));
    const after = (await linkOf(admin.api, invitation.id)).json().url as string;
    expect(after).not.toBe(before);
    const lookup = (url: string) =>
      t.app.inject({ url: `/api/v1/invitations/lookup?token=${new URL(url).searchParams.get('token')}` });
    expect((await lookup(before)).statusCode).toBe(422);
    expect((await lookup(after)).statusCode).toBe(200);
  });

  it('refuses to re-send or copy a revoked invitation', async () => {
    const ws = await buildWorkspace(t);
    const invitation = (
      await ws.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })
    ).json();
    expect((await ws.api('DELETE', `/api/v1/invitations/${invitation.id}`)).statusCode).toBe(204);
    expect((await ws.api('POST', `/api/v1/invitations/${invitation.id}/resend`)).statusCode).toBe(404);
    expect((await linkOf(ws.api, invitation.id)).statusCode).toBe(404);
  });
});

describe('multi-tenant isolation', () => {
  it("refuses another workspace's ids on every route", async () => {
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const agent = await buildMember(t, b.workspaceId, 'agent');
        const invitation = (
          await b.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })
        ).json();
        const token = (await b.api('POST', '/api/v1/api-tokens', { name: 'CI', role: 'agent' })).json();
        return {
          member: agent.membershipId,
          invitation: invitation.id,
          token: token.apiToken.id,
          workspace: b.workspaceId,
        };
      },
      cases: [
        { method: 'PATCH', route: '/api/v1/members/:id', id: (s) => s.member!, body: { role: 'admin' } },
        { method: 'DELETE', route: '/api/v1/members/:id', id: (s) => s.member! },
        { method: 'DELETE', route: '/api/v1/invitations/:id', id: (s) => s.invitation! },
        { method: 'POST', route: '/api/v1/invitations/:id/resend', id: (s) => s.invitation! },
        { method: 'POST', route: '/api/v1/invitations/:id/link', id: (s) => s.invitation! },
        { method: 'DELETE', route: '/api/v1/api-tokens/:id', id: (s) => s.token! },
      ],
      covers: ['/api/v1/members/', '/api/v1/invitations/', '/api/v1/api-tokens/'],
      verify: async (b, s) => {
        const members = (await b.api('GET', '/api/v1/members')).json().items as {
          id: string;
          role: string;
        }[];
        expect(members.find((m) => m.id === s.member)?.role).toBe('agent');
        expect(
          (await b.api('GET', '/api/v1/invitations')).json().items.map((i: { id: string }) => i.id),
        ).toContain(s.invitation);
        expect(
          (await b.api('GET', '/api/v1/api-tokens')).json().items.map((i: { id: string }) => i.id),
        ).toContain(s.token);
      },
    });
  });

  it('switching into another workspace is refused', async () => {
    const a = await buildWorkspace(t);
    const b = await buildWorkspace(t);
    expect(
      (await a.api('POST', '/api/v1/auth/switch-workspace', { workspaceId: b.workspaceId })).statusCode,
    ).toBe(404);
  });
});
