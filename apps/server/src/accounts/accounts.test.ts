import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace, PASSWORD, signIn } from '../../test/factories.ts';
import { apiAs, sessionFrom, startTestApp, type TestApp } from '../../test/harness.ts';
import { issueSetupLink } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('first-run setup', () => {
  it('creates the owner and first workspace from the one-time link, once', async () => {
    expect((await t.app.inject({ url: '/api/v1/setup/status' })).json()).toEqual({ needsSetup: true });
    const link = await issueSetupLink(t.platform);
    expect(link).toMatch(/^http:\/\/parley\.test\/app\/setup\?token=/);
    const token = new URL(link!).searchParams.get('token')!;
    const body = {
      token,
      name: 'Ada Owner',
      email: 'Ada@Example.com',
      password: PASSWORD,
      workspaceName: 'Acme',
    };

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, token: 'x'.repeat(40) },
    });
    expect(wrong.statusCode).toBe(422);

    const res = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
    expect(res.statusCode).toBe(201);
    const session = res.json();
    expect(session.user.email).toBe('ada@example.com');
    expect(session.role).toBe('owner');
    expect(session.workspace.name).toBe('Acme');
    const cookie = res.cookies.find((c) => c.name === 'parley_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
    expect(again.statusCode).toBe(422);
    expect((await t.app.inject({ url: '/api/v1/setup/status' })).json()).toEqual({ needsSetup: false });
    expect(await issueSetupLink(t.platform)).toBeNull();
  });
});

describe('signing in and out', () => {
  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const ws = await buildWorkspace(t);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ws.owner.email, password: 'nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@example.com', password: 'nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('unauthenticated');
  });

  it('signs in case-insensitively, reports the session, and signing out revokes it server-side', async () => {
    const ws = await buildWorkspace(t);
    const session = await signIn(t, ws.owner.email.toUpperCase());
    const api = apiAs(t.app, session);
    const me = await api('GET', '/api/v1/auth/session');
    expect(me.statusCode).toBe(200);
    expect(me.json().workspace.id).toBe(ws.workspaceId);
    expect(me.json().csrfToken).toBe(session.csrfToken);
    expect((await api('POST', '/api/v1/auth/sign-out')).statusCode).toBe(204);
    const after = await api('GET', '/api/v1/auth/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const ws = await buildWorkspace(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: ws.owner.cookie },
      payload: { name: 'Evil' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const forged = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: ws.owner.cookie, 'x-csrf-token': 'guess' },
      payload: { name: 'Evil' },
    });
    expect(forged.statusCode).toBe(403);
  });

  it('rate-limits sign-in attempts with a 429 in the error shape', async () => {
    const email = 'target@example.com';
    let last = 0;
    let body: { error?: { code: string } } = {};
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: 'wrong-pass' },
      });
      last = res.statusCode;
      body = res.json();
    }
    expect(last).toBe(429);
    expect(body.error?.code).toBe('rate_limited');
  });
});

describe('profile and password', () => {
  it('edits name, time zone and language, and validates them', async () => {
    const ws = await buildWorkspace(t);
    const ok = await ws.api('PATCH', '/api/v1/me', {
      name: 'Olivia O.',
      timeZone: 'Europe/Paris',
      language: 'fr',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Olivia O.', timeZone: 'Europe/Paris', language: 'fr' });
    const bad = await ws.api('PATCH', '/api/v1/me', { timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const js = await ws.api('PATCH', '/api/v1/me', { avatarUrl: 'javascript:alert(1)' });
    expect(js.statusCode).toBe(400);
  });

  it('keeps notification preferences per agent, changing only what is sent', async () => {
    const ws = await buildWorkspace(t);
    const before = (await ws.api('GET', '/api/v1/me')).json();
    expect(before.preferences).toEqual({
      browserNotifications: true,
      titleBadge: true,
      emailOnMention: true,
      theme: 'system',
    });
    const res = await ws.api('PATCH', '/api/v1/me', { preferences: { emailOnMention: false } });
    expect(res.json().preferences).toEqual({
      browserNotifications: true,
      titleBadge: true,
      emailOnMention: false,
      theme: 'system',
    });
    expect((await ws.api('PATCH', '/api/v1/me', { preferences: { sound: true } })).statusCode).toBe(400);
  });

  it('remembers the theme each person chose for the dashboard', async () => {
    const ws = await buildWorkspace(t);
    const dark = await ws.api('PATCH', '/api/v1/me', { preferences: { theme: 'dark' } });
    expect(dark.statusCode).toBe(200);
    expect(dark.json().preferences.theme).toBe('dark');
    expect((await ws.api('GET', '/api/v1/auth/session')).json().user.preferences.theme).toBe('dark');
    expect((await ws.api('PATCH', '/api/v1/me', { preferences: { theme: 'sepia' } })).statusCode).toBe(400);
    const other = await buildWorkspace(t);
    expect((await other.api('GET', '/api/v1/me')).json().preferences.theme).toBe('system');
  });

  it('changes the password only with the current one and signs out other sessions', async () => {
    const ws = await buildWorkspace(t);
    const other = await signIn(t, ws.owner.email);
    const wrong = await ws.api('POST', '/api/v1/me/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'a new long password',
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await ws.api('POST', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a new long password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await ws.api('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await apiAs(t.app, other)('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    await expect(signIn(t, ws.owner.email)).rejects.toThrow();
    expect((await signIn(t, ws.owner.email, 'a new long password')).userId).toBe(ws.owner.userId);
  });
});

describe('workspaces', () => {
  it('creates another workspace and switches between them', async () => {
    const ws = await buildWorkspace(t);
    const created = await ws.api('POST', '/api/v1/workspaces', { name: 'Second' });
    expect(created.statusCode).toBe(201);
    expect(created.json().role).toBe('owner');
    const list = await ws.api('GET', '/api/v1/workspaces');
    expect(list.json().items.map((w: { name: string }) => w.name)).toEqual(['Acme', 'Second']);
    const switched = await ws.api('POST', '/api/v1/auth/switch-workspace', {
      workspaceId: created.json().id,
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().workspace.name).toBe('Second');
    expect((await ws.api('GET', '/api/v1/auth/session')).json().workspace.name).toBe('Second');
  });

  it('refuses to switch into a workspace the user does not belong to', async () => {
    const a = await buildWorkspace(t);
    const b = await buildWorkspace(t);
    const res = await a.api('POST', '/api/v1/auth/switch-workspace', { workspaceId: b.workspaceId });
    expect(res.statusCode).toBe(404);
    expect(sessionFrom).toBeTypeOf('function');
  });
});
