import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/factories.ts';
import { apiAs, listen, sessionFrom, startTestApp, type TestApp } from '../../test/harness.ts';
import { connectSocket } from '../../test/ws-client.ts';
import { issueSetupLink } from '../accounts/service.ts';
import { devMails } from '../mail/tables.ts';
import { logSerializers } from './logging.ts';

// The main flows run with the log at debug level into memory; afterwards no secret may appear in it:
// no password, session or CSRF token, visitor or API token, emailed link, message text or search word.

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});
const log = () => lines.join('');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'debug', NODE_ENV: 'test' }, { logDestination: capture });
});
afterAll(async () => {
  await t?.close();
});

/** The newest mail to `to`, read where the developer mailbox keeps it. */
async function linkIn(to: string, path: string) {
  const mail = await eventually(async () => {
    const rows = await t.platform.db
      .select({ text: devMails.text })
      .from(devMails)
      .where(sql`${devMails.to} = ${to} and ${devMails.text} like ${`%${path}%`}`);
    return rows[0];
  });
  const url = mail.text.match(/https?:\/\/\S+/)?.[0] ?? '';
  return { url, token: new URL(url).searchParams.get('token') ?? '' };
}

describe('secrets in the log', () => {
  it('keeps tokens, passwords, links and message text out of every log line of the main flows', async () => {
    const secrets: string[] = [];
    const keep = (...values: string[]) => {
      for (const v of values) {
        expect(v.length).toBeGreaterThan(5);
        secrets.push(v);
      }
    };
    const json = (method: 'POST' | 'GET' | 'PATCH', url: string, payload?: object, headers = {}) =>
      t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

    // Sign-up through the one-time setup link, with a password.
    const setupLink = (await issueSetupLink(t.platform))!;
    const setupToken = new URL(setupLink).searchParams.get('token')!;
    const ownerPassword = 'owner-password-pumpkin-41';
    keep(setupLink, setupToken, ownerPassword);
    const setup = await json('POST', '/api/v1/setup', {
      token: setupToken,
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: ownerPassword,
      workspaceName: 'Acme',
    });
    expect(setup.statusCode).toBe(201);
    const owner = sessionFrom(setup);
    keep(owner.cookie.split('=')[1]!, owner.csrfToken);
    const api = apiAs(t.app, owner);

    // Sign-in with the password; a wrong one too.
    const signIn = await json('POST', '/api/v1/auth/sign-in', {
      email: 'olivia@example.com',
      password: ownerPassword,
    });
    expect(signIn.statusCode).toBe(200);
    keep(sessionFrom(signIn).cookie.split('=')[1]!);
    await json('POST', '/api/v1/auth/sign-in', {
      email: 'olivia@example.com',
      password: 'wrong-password-zebra-77',
    });
    keep('wrong-password-zebra-77');

    // An invitation, looked up and accepted with a new password.
    expect(
      (await api('POST', '/api/v1/invitations', { email: 'ivan@example.com', role: 'agent' })).statusCode,
    ).toBe(201);
    const invitation = await linkIn('ivan@example.com', '/app/invite');
    const ivanPassword = 'invitee-password-walrus-93';
    keep(invitation.url, invitation.token, ivanPassword);
    expect((await json('GET', `/api/v1/invitations/lookup?token=${invitation.token}`)).statusCode).toBe(200);
    const accepted = await json('POST', '/api/v1/invitations/accept', {
      token: invitation.token,
      name: 'Ivan Invitee',
      password: ivanPassword,
    });
    expect(accepted.statusCode).toBeLessThan(300);

    // A password reset and an emailed sign-in link.
    await json('POST', '/api/v1/auth/password-reset', { email: 'ivan@example.com' });
    const reset = await linkIn('ivan@example.com', '/app/reset-password');
    const newPassword = 'reset-password-otter-58';
    keep(reset.url, reset.token, newPassword);
    expect(
      (
        await json('POST', '/api/v1/auth/password-reset/confirm', {
          token: reset.token,
          password: newPassword,
        })
      ).statusCode,
    ).toBeLessThan(300);
    await json('POST', '/api/v1/auth/sign-in-link', { email: 'olivia@example.com' });
    const magic = await linkIn('olivia@example.com', '/app/sign-in-link');
    keep(magic.url, magic.token);
    expect((await json('POST', '/api/v1/auth/sign-in-link/confirm', { token: magic.token })).statusCode).toBe(
      200,
    );

    // The widget: boot, identify, a first message, a page view and its duration with the token in the query.
    const inbox = (await api('POST', '/api/v1/inboxes', { name: 'Website' })).json();
    keep(inbox.identitySecret);
    const boot = await json('POST', '/api/widget/v1/boot', {
      widgetKey: inbox.widgetKey,
      page: { url: 'https://shop.example/' },
    });
    const visitorToken: string = boot.json().visitorToken;
    keep(visitorToken);
    const visitor = { 'x-parley-visitor': visitorToken };
    expect(
      (
        await json(
          'POST',
          '/api/widget/v1/identify',
          { userId: 'user-42', email: 'vera@example.com' },
          visitor,
        )
      ).statusCode,
    ).toBe(200);
    const visitorText = 'Where is my parcel marmalade-zeppelin';
    keep(visitorText, 'marmalade-zeppelin');
    const started = await json('POST', '/api/widget/v1/conversations', { text: visitorText }, visitor);
    expect(started.statusCode).toBe(201);
    const conversationId: string = started.json().conversation.id;
    const pageView = (
      await json('POST', '/api/widget/v1/page-views', { url: 'https://shop.example/a' }, visitor)
    ).json();
    expect(
      (
        await json('POST', `/api/widget/v1/page-views/${pageView.id}/duration?token=${visitorToken}`, {
          durationMs: 1200,
        })
      ).statusCode,
    ).toBe(204);

    // Sockets of the visitor (token in the query) and of the agent, then the agent's reply.
    const address = await listen(t);
    const visitorSocket = await connectSocket(`${address.ws}/api/widget/v1/ws?token=${visitorToken}`);
    const agentSocket = await connectSocket(`${address.ws}/api/v1/ws`, { cookie: owner.cookie });
    visitorSocket.send({ type: 'resume', lastSeq: null });
    await visitorSocket.waitFor((f) => f.type === 'ready');
    const replyText = 'It ships tomorrow tangerine-observatory';
    keep(replyText, 'tangerine-observatory');
    expect(
      (await api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: replyText })).statusCode,
    ).toBe(201);
    await visitorSocket.waitFor((f) => f.type === 'message.created');
    visitorSocket.close();
    agentSocket.close();

    // Search, and an API token in use.
    expect((await api('GET', '/api/v1/search?q=marmalade-zeppelin')).statusCode).toBe(200);
    const created = (await api('POST', '/api/v1/api-tokens', { name: 'CI', role: 'agent' })).json();
    keep(created.token);
    expect((await apiAs(t.app, { token: created.token })('GET', '/api/v1/conversations')).statusCode).toBe(
      200,
    );

    // A database error while writing a message: the statement's parameters hold its words.
    await t.platform.database.executeSql(`
      create function parley_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$;
      create trigger parley_test_refuse before insert on messages
        for each row execute function parley_test_refuse();`);
    const failingText = 'Secret plans quartz-hippodrome';
    keep(failingText, 'quartz-hippodrome');
    const failed = await api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: failingText,
    });
    expect(failed.statusCode).toBe(500);
    await t.platform.database.executeSql(
      'drop trigger parley_test_refuse on messages; drop function parley_test_refuse();',
    );

    await eventually(async () => log().includes('refused by the test'));
    const written = log();
    expect(written).toContain('"url":"/api/widget/v1/page-views/');
    for (const secret of secrets) {
      expect(written.includes(secret), `the log contains ${secret}`).toBe(false);
    }
    expect(written).not.toMatch(/token=/);
    expect(written).not.toMatch(/\/app\/(invite|reset-password|sign-in-link|setup)\?/);
  });

  it('does not log probes and scrapes of /healthz, /readyz and /metrics at info level', async () => {
    const before = lines.length;
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      expect((await t.app.inject({ url })).statusCode).toBe(200);
    }
    const probes = lines.slice(before).join('');
    expect(probes).not.toMatch(/healthz|readyz|metrics/);
    await t.app.inject({ url: '/api/v1/auth/session' });
    expect(lines.slice(before).join('')).toContain('/api/v1/auth/session');
  });

  it('writes a database error without its statement, parameters or quoted values', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "plum-cathedral"'), {
      code: '22P02',
      severity: 'ERROR',
      query: "execute batch('plum-cathedral')",
      params: ['plum-cathedral'],
      detail: 'Key (text)=(plum-cathedral) already exists.',
    });
    const err = new DrizzleQueryError('insert into messages (text) values ($1)', ['plum-cathedral'], cause);
    const written = JSON.stringify(logSerializers.err(err));
    expect(written).not.toContain('plum-cathedral');
    expect(written).not.toContain('insert into messages');
    expect(written).toContain('Failed query');
    expect(written).toContain('22P02');
    expect(written).toContain('invalid input syntax for type uuid');
  });
});
