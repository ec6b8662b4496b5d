import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace, eventually, PASSWORD, signIn, uniqueEmail } from '../../test/factories.ts';
import { apiAs, sessionFrom, startTestApp, type TestApp } from '../../test/harness.ts';
import { drainJobs, jobsOf } from '../../test/jobs.ts';
import { linkIn, startSmtpServer, tokenOf } from '../../test/smtp.ts';
import { rowsOf } from '../platform/db.ts';
import { MAIL_JOB } from './service.ts';

// Every mail in these tests travels through nodemailer to a real SMTP server and is read back from it.
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const mailTo = (to: string, subject: RegExp) =>
  eventually(async () => smtp.inbox.find((m) => m.to.includes(to) && subject.test(m.subject)));

describe('password reset by email', () => {
  it('mails a link that sets a new password once, and signs out existing sessions', async () => {
    const ws = await buildWorkspace(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: ws.owner.email },
    });
    expect(res.statusCode).toBe(202);
    const mail = await mailTo(ws.owner.email, /Reset your Parley password/);
    expect(mail.html).toContain('Choose a new password');
    const link = linkIn(mail);
    expect(link).toMatch(/^http:\/\/parley\.test\/app\/reset-password\?token=/);

    const confirm = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token: tokenOf(link), password },
      });
    expect((await confirm('brand new password')).statusCode).toBe(204);
    const reused = await confirm('another new password');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('unprocessable');

    expect((await ws.api('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    await expect(signIn(t, ws.owner.email)).rejects.toThrow();
    expect((await signIn(t, ws.owner.email, 'brand new password')).userId).toBe(ws.owner.userId);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const before = smtp.inbox.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'ghost@example.com' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    await drainJobs(t);
    const mails = await jobsOf(t, MAIL_JOB);
    expect(mails.filter((job) => job.data.to === 'ghost@example.com')).toEqual([]);
    expect(smtp.inbox.slice(before).some((m) => m.to.includes('ghost@example.com'))).toBe(false);
  });

  it('refuses a reset link older than one hour', async () => {
    const ws = await buildWorkspace(t);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: ws.owner.email },
    });
    const link = linkIn(await mailTo(ws.owner.email, /Reset/));
    const [ttl] = await rowsOf<{ ttl: string }>(
      t.platform.db,
      sql`select extract(epoch from (expires_at - created_at)) as ttl from one_time_tokens where kind = 'password_reset' and user_id = ${ws.owner.userId}`,
    );
    expect(Number(ttl!.ttl)).toBeCloseTo(3600, 0);
    await t.platform.db.execute(
      sql`update one_time_tokens set expires_at = now() - interval '1 second' where kind = 'password_reset' and user_id = ${ws.owner.userId}`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: tokenOf(link), password: 'brand new password' },
    });
    expect(res.statusCode).toBe(422);
  });
});

describe('sign-in link by email', () => {
  it('signs in once with the emailed link', async () => {
    const ws = await buildWorkspace(t);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in-link',
          payload: { email: ws.owner.email },
        })
      ).statusCode,
    ).toBe(202);
    const link = linkIn(await mailTo(ws.owner.email, /sign-in link/));
    const confirm = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in-link/confirm',
        payload: { token: tokenOf(link) },
      });
    const first = await confirm();
    expect(first.statusCode).toBe(200);
    const session = sessionFrom(first);
    expect(session.userId).toBe(ws.owner.userId);
    expect(session.workspaceId).toBe(ws.workspaceId);
    expect((await apiAs(t.app, session)('GET', '/api/v1/me')).json().email).toBe(ws.owner.email);
    expect((await confirm()).statusCode).toBe(422);
  });
});

describe('invitations by email', () => {
  it('invites a new teammate who accepts through the emailed link and signs in as an agent', async () => {
    const ws = await buildWorkspace(t, 'Invite Co');
    const email = uniqueEmail('newbie');
    const invite = await ws.api('POST', '/api/v1/invitations', { email, role: 'agent' });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ email, role: 'agent', invitedBy: { name: 'Olivia Owner' } });
    const mail = await mailTo(email, /invited you to Invite Co/);
    const link = linkIn(mail);
    expect(link).toMatch(/\/app\/invite\?token=/);

    const lookup = await t.app.inject({ url: `/api/v1/invitations/lookup?token=${tokenOf(link)}` });
    expect(lookup.json()).toMatchObject({
      email,
      role: 'agent',
      hasAccount: false,
      workspace: { name: 'Invite Co' },
    });

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link) },
    });
    expect(missing.statusCode).toBe(400);

    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), name: 'Nina Newbie', password: PASSWORD },
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ role: 'agent', workspace: { id: ws.workspaceId } });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), name: 'Nina Newbie', password: PASSWORD },
    });
    expect(again.statusCode).toBe(422);

    const agent = await signIn(t, email);
    const members = await apiAs(t.app, agent)('GET', '/api/v1/members');
    expect(members.json().items.map((m: { email: string }) => m.email)).toContain(email);
    expect((await ws.api('GET', '/api/v1/invitations')).json().items).toEqual([]);
  });

  it('asks an existing account for its password before joining it to the workspace', async () => {
    const a = await buildWorkspace(t, 'Alpha');
    const b = await buildWorkspace(t, 'Beta');
    await b.api('POST', '/api/v1/invitations', { email: a.owner.email, role: 'admin' });
    const link = linkIn(await mailTo(a.owner.email, /invited you to Beta/));
    const lookup = await t.app.inject({ url: `/api/v1/invitations/lookup?token=${tokenOf(link)}` });
    expect(lookup.json().hasAccount).toBe(true);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token: tokenOf(link), password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect(
      ok
        .json()
        .workspaces.map((w: { name: string }) => w.name)
        .sort(),
    ).toEqual(['Alpha', 'Beta']);
    expect(ok.json().workspace.name).toBe('Beta');
  });

  it('a revoked or re-sent invitation link no longer works', async () => {
    const ws = await buildWorkspace(t, 'Gamma');
    const email = uniqueEmail('revoked');
    const first = await ws.api('POST', '/api/v1/invitations', { email, role: 'agent' });
    const firstLink = linkIn(await mailTo(email, /Gamma/));
    await ws.api('POST', '/api/v1/invitations', { email, role: 'admin' });
    await eventually(async () => smtp.inbox.filter((m) => m.to.includes(email)).length === 2);
    const secondLink = linkIn(smtp.inbox.filter((m) => m.to.includes(email))[1]!);
    expect(
      (await t.app.inject({ url: `/api/v1/invitations/lookup?token=${tokenOf(firstLink)}` })).statusCode,
    ).toBe(422);
    const pending = (await ws.api('GET', '/api/v1/invitations')).json().items;
    expect(pending).toHaveLength(1);
    expect(pending[0].role).toBe('admin');
    expect(pending[0].id).not.toBe(first.json().id);
    expect((await ws.api('DELETE', `/api/v1/invitations/${pending[0].id}`)).statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/invitations/lookup?token=${tokenOf(secondLink)}` })).statusCode,
    ).toBe(422);
  });
});
