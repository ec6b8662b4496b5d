import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace, eventually, uniqueEmail } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// Without SMTP_URL, mail is logged and kept in the developer mailbox so a first user can finish sign-up.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('developer mailbox', () => {
  it('shows admins the invitations of their workspace and each user their own mail', async () => {
    const ws = await buildWorkspace(t, 'Mailbox Co');
    const email = uniqueEmail('invitee');
    await ws.api('POST', '/api/v1/invitations', { email, role: 'agent' });
    const box = await eventually(async () => {
      const res = (await ws.api('GET', '/api/v1/dev-mailbox')).json();
      return res.items.length > 0 ? res : null;
    });
    expect(box.enabled).toBe(true);
    expect(box.items[0]).toMatchObject({ to: email });
    expect(box.items[0].subject).toMatch(/Mailbox Co/);
    expect(box.items[0].text).toMatch(/\/app\/invite\?token=/);

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      payload: { email: ws.owner.email },
    });
    await eventually(async () =>
      (await ws.api('GET', '/api/v1/dev-mailbox'))
        .json()
        .items.some((m: { to: string }) => m.to === ws.owner.email),
    );

    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const agentBox = (await agent.api('GET', '/api/v1/dev-mailbox')).json();
    expect(agentBox.items).toEqual([]);

    const other = await buildWorkspace(t, 'Elsewhere');
    const otherBox = (await other.api('GET', '/api/v1/dev-mailbox')).json();
    expect(otherBox.items).toEqual([]);
  });

  it('is disabled when SMTP is configured', async () => {
    const withSmtp = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const ws = await buildWorkspace(withSmtp);
      expect((await ws.api('GET', '/api/v1/dev-mailbox')).json()).toEqual({ enabled: false, items: [] });
    } finally {
      await withSmtp.close();
    }
  });

  it('requires a signed-in user', async () => {
    expect((await t.app.inject({ url: '/api/v1/dev-mailbox' })).statusCode).toBe(401);
  });
});
