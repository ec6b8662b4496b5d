import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { buildWorkspace, PASSWORD, signIn } from '../../test/factories.ts';
import { apiAs, sessionFrom, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs in from a browser with this user agent. */
async function signInWith(email: string, userAgent: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { 'user-agent': userAgent },
    payload: { email, password: PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const session = sessionFrom(res);
  return { ...session, api: apiAs(t.app, session) };
}

type TListed = {
  id: string;
  browser: string | null;
  os: string | null;
  device: string | null;
  isCurrent: boolean;
};

async function listed(api: ReturnType<typeof apiAs>, query = '') {
  const res = await api('GET', `/api/v1/me/sessions${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: TListed[]; nextCursor: string | null };
}

describe('signed-in sessions', () => {
  it("lists only the user's own active sessions, with device, browser and the current one marked", async () => {
    const ws = await buildWorkspace(t);
    const laptop = await signInWith(ws.owner.email, FIREFOX_ON_LINUX);
    const phone = await signInWith(ws.owner.email, SAFARI_ON_IPHONE);
    const stranger = await buildWorkspace(t, 'Elsewhere');
    await laptop.api('POST', '/api/v1/auth/sign-out');

    const { items } = await listed(phone.api);
    const strangerIds = (await listed(stranger.api)).items.map((s) => s.id);
    expect(items).toHaveLength(2);
    expect(items.some((s) => strangerIds.includes(s.id))).toBe(false);
    const [current, ...others] = items;
    expect(current).toMatchObject({ browser: 'Mobile Safari 17', os: 'iOS 17.5', device: 'Apple iPhone' });
    expect(current?.isCurrent).toBe(true);
    expect(others.map((s) => s.isCurrent)).toEqual([false]);
    expect(JSON.stringify(items)).not.toContain(phone.cookie.split('=')[1]);
  });

  it('pages through the sessions with a cursor', async () => {
    const ws = await buildWorkspace(t);
    await signIn(t, ws.owner.email);
    await signIn(t, ws.owner.email);
    const first = await listed(ws.api, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await listed(ws.api, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('revokes one of my sessions, which is then signed out, and keeps the others', async () => {
    const ws = await buildWorkspace(t);
    const other = await signInWith(ws.owner.email, FIREFOX_ON_LINUX);
    const otherId = (await listed(other.api)).items.find((s) => s.isCurrent)!.id;

    expect((await ws.api('DELETE', `/api/v1/me/sessions/${otherId}`)).statusCode).toBe(204);
    expect((await other.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await ws.api('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await listed(ws.api)).items.map((s) => s.id)).not.toContain(otherId);
    expect((await ws.api('DELETE', `/api/v1/me/sessions/${otherId}`)).statusCode).toBe(404);
  });

  it("refuses to revoke another person's session or an unknown one, with 404", async () => {
    const ws = await buildWorkspace(t);
    const stranger = await buildWorkspace(t, 'Stranger');
    const strangerId = (await listed(stranger.api)).items[0]!.id;

    const refused = await ws.api('DELETE', `/api/v1/me/sessions/${strangerId}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect((await ws.api('DELETE', '/api/v1/me/sessions/ses_unknown0000000')).statusCode).toBe(404);
    expect((await stranger.api('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('signs out every other session and keeps the current one', async () => {
    const ws = await buildWorkspace(t);
    const a = await signInWith(ws.owner.email, FIREFOX_ON_LINUX);
    const b = await signInWith(ws.owner.email, SAFARI_ON_IPHONE);

    expect((await ws.api('POST', '/api/v1/me/sessions/revoke-others')).statusCode).toBe(204);
    expect((await a.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await b.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await ws.api('GET', '/api/v1/me')).statusCode).toBe(200);
    const { items } = await listed(ws.api);
    expect(items.map((s) => s.isCurrent)).toEqual([true]);
  });

  it('signing out the current session from the list clears its cookie', async () => {
    const ws = await buildWorkspace(t);
    const currentId = (await listed(ws.api)).items[0]!.id;
    const res = await ws.api('DELETE', `/api/v1/me/sessions/${currentId}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'parley_session')?.value).toBe('');
    expect((await ws.api('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it("refuses another workspace's sessions on every session route", async () => {
    await expectCrossTenantRefusal(t, {
      covers: ['/api/v1/me/'],
      seed: async (b) => ({ sessionId: (await listed(b.api)).items[0]!.id }),
      cases: [{ method: 'DELETE', route: '/api/v1/me/sessions/:id', id: (s) => s.sessionId! }],
      verify: async (b) => {
        expect((await b.api('GET', '/api/v1/me')).statusCode).toBe(200);
      },
    });
  });
});
