import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TTeam = {
  id: string;
  name: string;
  description: string | null;
  members: { userId: string; name: string; email: string; avatarUrl: string | null }[];
};

describe('teams', () => {
  it('admins create, list, rename and delete teams and choose who is on them', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin', 'Ada Admin');
    const agent = await buildMember(t, ws.workspaceId, 'agent', 'Ben Agent');

    const support = await admin.api('POST', '/api/v1/teams', { name: 'Support', description: 'First line' });
    expect(support.statusCode).toBe(201);
    expect(support.json()).toMatchObject({ name: 'Support', description: 'First line', members: [] });
    expect(new Date(support.json().createdAt).toISOString()).toBe(support.json().createdAt);
    const billing = (await admin.api('POST', '/api/v1/teams', { name: 'billing' })).json();
    expect(billing.description).toBeNull();
    const supportId = support.json().id as string;

    const added = await admin.api('PUT', `/api/v1/teams/${supportId}/members/${agent.userId}`);
    expect(added.statusCode).toBe(200);
    await admin.api('PUT', `/api/v1/teams/${supportId}/members/${admin.userId}`);
    // Adding someone twice changes nothing.
    const again = await admin.api('PUT', `/api/v1/teams/${supportId}/members/${agent.userId}`);
    expect(again.json().members).toEqual([
      { userId: admin.userId, name: 'Ada Admin', email: admin.email, avatarUrl: null },
      { userId: agent.userId, name: 'Ben Agent', email: agent.email, avatarUrl: null },
    ]);

    const list = (await agent.api('GET', '/api/v1/teams')).json().items as TTeam[];
    expect(list.map((team) => [team.name, team.members.map((m) => m.name)])).toEqual([
      ['billing', []],
      ['Support', ['Ada Admin', 'Ben Agent']],
    ]);

    const renamed = await admin.api('PATCH', `/api/v1/teams/${supportId}`, {
      name: 'Customer support',
      description: null,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Customer support', description: null });
    expect(renamed.json().members).toHaveLength(2);

    const removed = await admin.api('DELETE', `/api/v1/teams/${supportId}/members/${admin.userId}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((m: { userId: string }) => m.userId)).toEqual([agent.userId]);
    // Removing someone who is not on the team changes nothing.
    const removedAgain = await admin.api('DELETE', `/api/v1/teams/${supportId}/members/${admin.userId}`);
    expect(removedAgain.json().members).toHaveLength(1);

    expect((await admin.api('DELETE', `/api/v1/teams/${billing.id}`)).statusCode).toBe(204);
    expect((await admin.api('DELETE', `/api/v1/teams/${billing.id}`)).statusCode).toBe(404);
    const after = (await ws.api('GET', '/api/v1/teams')).json().items as TTeam[];
    expect(after.map((team) => team.name)).toEqual(['Customer support']);
  });

  it('every agent lists teams, but only admins and owners may change them or who is on them', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Sales' })).json();
    expect((await agent.api('GET', '/api/v1/teams')).statusCode).toBe(200);
    for (const res of [
      await agent.api('POST', '/api/v1/teams', { name: 'Mine' }),
      await agent.api('PATCH', `/api/v1/teams/${team.id}`, { name: 'Renamed' }),
      await agent.api('DELETE', `/api/v1/teams/${team.id}`),
      await agent.api('PUT', `/api/v1/teams/${team.id}/members/${agent.userId}`),
      await agent.api('DELETE', `/api/v1/teams/${team.id}/members/${agent.userId}`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'forbidden',
        message: 'Only admins and owners can manage teams',
      });
    }
    const list = (await ws.api('GET', '/api/v1/teams')).json().items as TTeam[];
    expect(list).toEqual([expect.objectContaining({ id: team.id, name: 'Sales', members: [] })]);
  });

  it('only adds members of the workspace, answering others with 400 validation_failed', async () => {
    const ws = await buildWorkspace(t);
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Support' })).json();
    const outsider = await buildWorkspace(t);
    for (const userId of [outsider.owner.userId, 'usr_unknown']) {
      const res = await ws.api('PUT', `/api/v1/teams/${team.id}/members/${userId}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'validation_failed',
        message: 'The user is not a member of this workspace',
      });
    }
    expect((await ws.api('GET', '/api/v1/teams')).json().items[0].members).toEqual([]);
  });

  it('refuses invalid names and unknown fields, and unknown teams with 404', async () => {
    const ws = await buildWorkspace(t);
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Support' })).json();
    for (const [method, url, body, path] of [
      ['POST', '/api/v1/teams', { name: '' }, 'body.name'],
      ['POST', '/api/v1/teams', { name: 'x'.repeat(121) }, 'body.name'],
      ['POST', '/api/v1/teams', { name: 'x', description: 'd'.repeat(501) }, 'body.description'],
      ['POST', '/api/v1/teams', { name: 'x', members: [] }, 'body'],
      ['PATCH', `/api/v1/teams/${team.id}`, { name: '  ' }, 'body.name'],
      ['PATCH', `/api/v1/teams/${team.id}`, { title: 'x' }, 'body'],
    ] as const) {
      const res = await ws.api(method, url, body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.issues[0].path).toBe(path);
    }
    for (const [method, url] of [
      ['PATCH', '/api/v1/teams/team_unknown'],
      ['DELETE', '/api/v1/teams/team_unknown'],
      ['PUT', `/api/v1/teams/team_unknown/members/${ws.owner.userId}`],
      ['DELETE', `/api/v1/teams/team_unknown/members/${ws.owner.userId}`],
    ] as const) {
      const res = await ws.api(method, url, method === 'PATCH' ? { name: 'y' } : undefined);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Team not found' });
    }
    expect((await ws.api('GET', '/api/v1/teams')).json().items).toMatchObject([{ name: 'Support' }]);
  });

  it('leaves out someone who has left the workspace', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Support' })).json();
    await ws.api('PUT', `/api/v1/teams/${team.id}/members/${agent.userId}`);
    expect((await agent.api('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect((await ws.api('GET', '/api/v1/teams')).json().items[0].members).toEqual([]);
  });

  it('deleting a team leaves its conversations without a team', async () => {
    const ws = await buildWorkspace(t);
    const visitor = await bootVisitor(t, (await buildInbox(ws)).widgetKey);
    const conversationId = (
      await visitor.api('POST', '/conversations', { text: 'Do you ship abroad?' })
    ).json().conversation.id as string;
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Sales' })).json();
    const routed = await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { teamId: team.id });
    expect(routed.json().teamId).toBe(team.id);
    expect((await ws.api('DELETE', `/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    const after = await ws.api('GET', `/api/v1/conversations/${conversationId}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().teamId).toBeNull();
  });
});

describe('multi-tenant isolation', () => {
  it("refuses another workspace's team ids on every team route", async () => {
    // Routes with ids outside /api/v1/teams/ belong to other features; each is proven in its own
    // feature's cross-tenant test (see test/route-coverage.test.ts), so this one covers only teams.
    const otherFeatures = t.app.parleyRoutes
      .filter((r) => r.url.startsWith('/api/') && r.url.includes('/:') && !r.url.startsWith('/api/v1/teams/'))
      .map((r) => `${r.method} ${r.url}`);
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const agent = await buildMember(t, b.workspaceId, 'agent', 'Bea Agent');
        const team = (await b.api('POST', '/api/v1/teams', { name: 'B team', description: 'Secret' })).json();
        await b.api('PUT', `/api/v1/teams/${team.id}/members/${agent.userId}`);
        return { team: team.id, agent: agent.userId };
      },
      cases: [
        { method: 'PATCH', route: '/api/v1/teams/:id', id: (s) => s.team!, body: { name: 'Taken over' } },
        { method: 'DELETE', route: '/api/v1/teams/:id', id: (s) => s.team! },
        {
          method: 'PUT',
          route: '/api/v1/teams/:id/members/:userId',
          ids: { id: (s) => s.team!, userId: (s) => s.agent! },
        },
        {
          method: 'DELETE',
          route: '/api/v1/teams/:id/members/:userId',
          ids: { id: (s) => s.team!, userId: (s) => s.agent! },
        },
      ],
      exempt: otherFeatures,
      verify: async (b, s) => {
        const items = (await b.api('GET', '/api/v1/teams')).json().items as TTeam[];
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ id: s.team, name: 'B team', description: 'Secret' });
        expect(items[0]!.members.map((m) => m.userId)).toEqual([s.agent]);
      },
    });
  });

  it("neither lists another workspace's teams nor adds or removes its people", async () => {
    const a = await buildWorkspace(t);
    const b = await buildWorkspace(t);
    const bAgent = await buildMember(t, b.workspaceId, 'agent');
    const bTeam = (await b.api('POST', '/api/v1/teams', { name: 'B team' })).json();
    await b.api('PUT', `/api/v1/teams/${bTeam.id}/members/${bAgent.userId}`);
    const aTeam = (await a.api('POST', '/api/v1/teams', { name: 'A team' })).json();

    expect((await a.api('GET', '/api/v1/teams')).json().items.map((team: TTeam) => team.id)).toEqual([
      aTeam.id,
    ]);
    expect((await a.api('PUT', `/api/v1/teams/${aTeam.id}/members/${bAgent.userId}`)).statusCode).toBe(400);
    expect((await a.api('DELETE', `/api/v1/teams/${bTeam.id}/members/${bAgent.userId}`)).statusCode).toBe(
      404,
    );
    expect((await a.api('GET', '/api/v1/teams')).json().items[0].members).toEqual([]);
    expect((await b.api('GET', '/api/v1/teams')).json().items[0].members).toHaveLength(1);
  });
});
