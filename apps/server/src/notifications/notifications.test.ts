import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { bootVisitor, buildInbox, buildMember, buildWorkspace, eventually } from '../../test/factories.ts';
import { listen, startTestApp, type TestApp } from '../../test/harness.ts';
import { drainJobs, jobsOf } from '../../test/jobs.ts';
import { linkIn, startSmtpServer } from '../../test/smtp.ts';
import { connectSocket } from '../../test/ws-client.ts';
import { MAIL_JOB } from '../mail/service.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let base: { ws: string };
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url });
  base = await listen(t);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function scene() {
  const ws = await buildWorkspace(t, 'Mention Co');
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const conversationId = (await visitor.api('POST', '/conversations', { text: 'Help please' })).json()
    .conversation.id as string;
  const agent = await buildMember(t, ws.workspaceId, 'agent', 'Andy Agent');
  return { ws, conversationId, agent };
}

describe('@mentions', () => {
  it('notify the mentioned teammate in the app (live) and by email with a link', async () => {
    const { ws, conversationId, agent } = await scene();
    const socket = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: agent.cookie });
    socket.send({ type: 'resume', lastSeq: null });
    await socket.waitFor((f) => f.type === 'ready');
    const ownerSocket = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: ws.owner.cookie });
    ownerSocket.send({ type: 'resume', lastSeq: null });
    await ownerSocket.waitFor((f) => f.type === 'ready');

    const note = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: '@Andy Agent can you take this one?',
      isPrivate: true,
      mentions: [agent.userId],
    });
    expect(note.statusCode).toBe(201);
    const live = await socket.waitFor((f) => f.type === 'notification.created');
    expect(live.data).toMatchObject({ kind: 'mention', conversationId, actor: { name: 'Olivia Owner' } });
    await ownerSocket.waitFor((f) => f.type === 'message.created' && f.data?.kind === 'note');
    expect(ownerSocket.frames.some((f) => f.type === 'notification.created')).toBe(false);

    const list = (await agent.api('GET', '/api/v1/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'mention', conversationId, readAt: null });
    const mail = await eventually(async () => smtp.inbox.find((m) => m.to.includes(agent.email)));
    expect(mail.subject).toBe('Olivia Owner mentioned you in a conversation');
    expect(linkIn(mail)).toBe(`http://parley.test/app/conversations/${conversationId}`);

    const mentioned = (await agent.api('GET', '/api/v1/conversations?mentioned=me')).json().items;
    expect(mentioned.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect((await ws.api('GET', '/api/v1/conversations?mentioned=me')).json().items).toEqual([]);

    expect((await agent.api('POST', `/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(204);
    expect((await agent.api('GET', '/api/v1/notifications')).json().unread).toBe(0);
    socket.close();
    ownerSocket.close();
  });

  it('sends no email to a teammate who turned mention emails off', async () => {
    const { ws, conversationId, agent } = await scene();
    await agent.api('PATCH', '/api/v1/me', { preferences: { emailOnMention: false } });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: '@Andy',
      isPrivate: true,
      mentions: [agent.userId],
    });
    expect((await agent.api('GET', '/api/v1/notifications')).json().unread).toBe(1);
    await drainJobs(t);
    const mails = await jobsOf(t, MAIL_JOB);
    expect(mails.filter((job) => job.data.to === agent.email)).toEqual([]);
    expect(smtp.inbox.some((m) => m.to.includes(agent.email))).toBe(false);
  });

  it('refuses mentions of non-members and mentions in replies to the contact', async () => {
    const { ws, conversationId } = await scene();
    const outsider = await buildWorkspace(t);
    const res = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: '@someone',
      isPrivate: true,
      mentions: [outsider.owner.userId],
    });
    expect(res.statusCode).toBe(400);
    const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'hi',
      mentions: [ws.owner.userId],
    });
    expect(reply.statusCode).toBe(400);
    // Nothing was written by the refused requests.
    const messages = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    expect(messages).toHaveLength(1);
  });

  it("refuses another workspace's notification ids", async () => {
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const inbox = await buildInbox(b);
        const visitor = await bootVisitor(t, inbox.widgetKey);
        const conversationId = (await visitor.api('POST', '/conversations', { text: 'x' })).json()
          .conversation.id;
        const agent = await buildMember(t, b.workspaceId, 'agent');
        await b.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
          text: '@a',
          isPrivate: true,
          mentions: [agent.userId],
        });
        const id = (await agent.api('GET', '/api/v1/notifications')).json().items[0].id;
        return { notification: id };
      },
      cases: [{ method: 'POST', route: '/api/v1/notifications/:id/read', id: (s) => s.notification! }],
      verify: async (_b, s) => {
        const rows = (await t.platform.db.execute(
          sql`select read_at from notifications where id = ${s.notification}`,
        )) as unknown as { rows: { read_at: Date | null }[] };
        expect(rows.rows[0]!.read_at).toBeNull();
      },
      covers: ['/api/v1/notifications/'],
    });
  });
});
