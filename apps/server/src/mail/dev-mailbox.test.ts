import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMember, buildWorkspace, eventually, uniqueEmail } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { drainJobs, jobsOf } from '../../test/jobs.ts';
import { buildApp, startPlatform, stopPlatform } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { MAIL_JOB } from './service.ts';

// Without SMTP_URL, mail is kept in the developer mailbox so a first user can finish sign-up.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TMailItem = { to: string; subject: string; text: string };
const mailbox = async (api: Awaited<ReturnType<typeof buildWorkspace>>['api']) =>
  ((await api('GET', '/api/v1/dev-mailbox')).json().items ?? []) as TMailItem[];

describe('developer mailbox', () => {
  it("shows each person only the mail sent to them, never a teammate's invitation", async () => {
    const ws = await buildWorkspace(t, 'Mailbox Co');
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const invitee = uniqueEmail('invitee');
    await ws.api('POST', '/api/v1/invitations', { email: invitee, role: 'owner' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in-link',
      payload: { email: ws.owner.email },
    });
    const own = await eventually(async () => {
      const items = await mailbox(ws.api);
      return items.length > 0 ? items : null;
    });
    expect(own.map((m) => m.to)).toEqual([ws.owner.email]);
    expect(own[0]!.text).toMatch(/\/app\/sign-in-link\?token=/);
    // The invitation mail was delivered (kept) but belongs to its recipient only.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in-link', payload: { email: admin.email } });
    await eventually(async () => (await mailbox(admin.api)).length > 0);
    const adminBox = await mailbox(admin.api);
    expect(adminBox.every((m) => m.to === admin.email)).toBe(true);
    expect(JSON.stringify(adminBox)).not.toContain('/app/invite');
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    expect(await mailbox(agent.api)).toEqual([]);
    const other = await buildWorkspace(t, 'Elsewhere');
    expect(await mailbox(other.api)).toEqual([]);
  });

  it('gives an admin no way to an owner invitation meant for someone else', async () => {
    const ws = await buildWorkspace(t, 'Escalation Co');
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const futureOwner = uniqueEmail('future-owner');
    const invitation = (
      await ws.api('POST', '/api/v1/invitations', { email: futureOwner, role: 'owner' })
    ).json();
    // The invitation mail has been kept in the developer mailbox: there is something to hide.
    await drainJobs(t);
    const kept = (await jobsOf(t, MAIL_JOB)).filter((job) => job.data.to === futureOwner);
    expect(kept.map((job) => job.state)).toEqual(['completed']);
    expect(JSON.stringify(await mailbox(admin.api))).not.toContain('/app/invite');
    for (const res of [
      await admin.api('POST', `/api/v1/invitations/${invitation.id}/link`),
      await admin.api('POST', `/api/v1/invitations/${invitation.id}/resend`),
      await admin.api('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'owner' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.body).not.toContain('/app/invite');
    }
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

/** A Parley whose structured log is captured line by line. */
async function startWithCapturedLog(env: Record<string, string>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-log-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    PUBLIC_URL: 'http://parley.test',
    ...env,
  });
  const platform = await startPlatform({
    config,
    log: pino({ level: 'info' }, stream),
    inMemory: true,
    jobPollingSeconds: 0.5,
  });
  const app = await buildApp(platform);
  await app.ready();
  const close = async () => {
    await app.close();
    await stopPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app: { app, platform, close } satisfies TestApp, lines };
}

describe('mail without SMTP in the logs and on the console', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('warns at start in production and never logs a link or a mail body', async () => {
    const { app: prod, lines } = await startWithCapturedLog({ NODE_ENV: 'production' });
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      const warning = lines.map((l) => JSON.parse(l)).find((l) => /SMTP_URL is not set/.test(l.msg));
      expect(warning?.level).toBe(40);
      const ws = await buildWorkspace(prod, 'Quiet Co');
      await ws.api('POST', '/api/v1/invitations', { email: uniqueEmail('logged'), role: 'agent' });
      await prod.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: ws.owner.email },
      });
      await eventually(async () => lines.filter((l) => /developer mailbox/.test(l)).length >= 2);
      const log = lines.join('\n');
      expect(log).not.toMatch(/token=/);
      expect(log).not.toMatch(/\/app\/(invite|reset-password)/);
      expect(log).not.toContain('Accept the invitation');
      expect(log).not.toContain('Choose a new password');
      const printed = stdout.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(printed).not.toMatch(/token=/);
    } finally {
      await prod.close();
    }
  }, 120_000);

  it('prints the mail on the console in development, outside the structured log', async () => {
    const { app: dev, lines } = await startWithCapturedLog({ NODE_ENV: 'development' });
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      expect(lines.some((l) => /SMTP_URL is not set/.test(l))).toBe(false);
      const ws = await buildWorkspace(dev, 'Dev Co');
      const email = uniqueEmail('dev');
      await ws.api('POST', '/api/v1/invitations', { email, role: 'agent' });
      const printed = await eventually(async () =>
        stdout.mock.calls.map(([chunk]) => String(chunk)).find((c) => c.includes(`Mail to ${email}`)),
      );
      expect(printed).toMatch(/http:\/\/parley\.test\/app\/invite\?token=[\w-]+/);
      expect(lines.join('\n')).not.toMatch(/token=/);
    } finally {
      await dev.close();
    }
  }, 120_000);
});
