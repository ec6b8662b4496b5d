import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace, type TVisitorFixture } from '../../test/factories.ts';
import { apiAs, startTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadAsVisitor(visitor: TVisitorFixture) {
  const { payload, headers } = multipart('shot.png', PNG, 'image/png');
  return t.app.inject({
    method: 'POST',
    url: '/api/widget/v1/attachments',
    payload,
    headers: { ...headers, 'x-parley-visitor': visitor.token },
  });
}

describe('inbox rules on the visitor API', () => {
  it('refuses uploads and messages with attachments when the inbox turned attachments off', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const conversation = (await visitor.api('POST', '/conversations', { text: 'Hello' })).json().conversation
      .id;
    // Uploaded while attachments were allowed, sent after they were turned off.
    const earlier = (await uploadAsVisitor(visitor)).json().id;
    await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, { settings: { attachments: { enabled: false } } });

    const upload = await uploadAsVisitor(visitor);
    expect(upload.statusCode).toBe(403);
    expect(upload.json().error.code).toBe('attachments_disabled');
    for (const res of [
      await visitor.api('POST', `/conversations/${conversation}/messages`, { attachmentIds: [earlier] }),
      await visitor.api('POST', '/conversations', { text: 'See file', attachmentIds: [earlier] }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('attachments_disabled');
    }
    const messages = (await ws.api('GET', `/api/v1/conversations/${conversation}/messages`)).json().items;
    expect(messages.flatMap((m: { attachments: unknown[] }) => m.attachments)).toEqual([]);
    expect(
      (await visitor.api('GET', '/conversations')).json().items.map((c: { id: string }) => c.id),
    ).toEqual([conversation]);
    // Text still goes through.
    expect(
      (await visitor.api('POST', `/conversations/${conversation}/messages`, { text: 'Just text' }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses to start a conversation without the name, email and consent the pre-chat form requires', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws, {
      settings: {
        preChatForm: {
          enabled: true,
          requireName: true,
          requireEmail: true,
          consentText: 'I accept the terms',
        },
      },
    });
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const bare = await visitor.api('POST', '/conversations', { text: 'Hi' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({
      code: 'pre_chat_required',
      details: { fields: ['name', 'email', 'consent'] },
    });
    const noConsent = await visitor.api('POST', '/conversations', {
      text: 'Hi',
      preChat: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.details).toEqual({ fields: ['consent'] });
    expect((await visitor.api('GET', '/conversations')).json().items).toEqual([]);
    expect((await ws.api('GET', `/api/v1/contacts/${visitor.contactId}`)).json().email).toBeNull();

    const filled = await visitor.api('POST', '/conversations', {
      text: 'Hi',
      preChat: { name: 'Ada', email: 'ada@example.com', consent: true },
    });
    expect(filled.statusCode).toBe(201);
    expect((await ws.api('GET', `/api/v1/contacts/${visitor.contactId}`)).json()).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
    });
    // Once the contact has an email the form is not shown again, so it is not asked for again.
    expect((await visitor.api('POST', '/conversations', { text: 'One more thing' })).statusCode).toBe(201);
  });

  it('takes the name the contact already has, and asks for nothing the form does not require', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws, {
      settings: { preChatForm: { enabled: true, requireName: true, requireEmail: false, consentText: null } },
    });
    const named = await bootVisitor(t, inbox.widgetKey);
    await named.api('PATCH', '/contact', { name: 'Grace' });
    expect((await named.api('POST', '/conversations', { text: 'Hi' })).statusCode).toBe(201);
    const anonymous = await bootVisitor(t, inbox.widgetKey);
    const refused = await anonymous.api('POST', '/conversations', { text: 'Hi' });
    expect(refused.json().error.details).toEqual({ fields: ['name'] });
    expect(
      (await anonymous.api('POST', '/conversations', { text: 'Hi', preChat: { name: 'Linus' } })).statusCode,
    ).toBe(201);
    // Without a pre-chat form nothing is asked.
    const open = await buildInbox(ws, { name: 'Docs' });
    const visitor = await bootVisitor(t, open.widgetKey);
    expect((await visitor.api('POST', '/conversations', { text: 'Hi' })).statusCode).toBe(201);
  });
});

describe('attachments named by an API token', () => {
  it('refuses a reply that names attachments instead of sending it without them', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const conversation = (await visitor.api('POST', '/conversations', { text: 'Hello' })).json().conversation
      .id;
    const { payload, headers } = multipart('shot.png', PNG, 'image/png');
    const agentUpload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      payload,
      headers: { ...headers, cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrfToken },
    });
    expect(agentUpload.statusCode).toBe(201);
    const created = (await ws.api('POST', '/api/v1/api-tokens', { name: 'CRM', role: 'agent' })).json();
    const api = apiAs(t.app, { token: created.token });

    const reply = await api('POST', `/api/v1/conversations/${conversation}/messages`, {
      text: 'Here is the invoice',
      attachmentIds: [agentUpload.json().id],
    });
    expect(reply.statusCode).toBe(403);
    expect(reply.json().error.message).toMatch(/attach/);
    const messages = (await ws.api('GET', `/api/v1/conversations/${conversation}/messages`)).json().items;
    expect(messages.map((m: { text: string }) => m.text)).toEqual(['Hello']);
    // A reply without attachments still works, and the agent can still send their file.
    expect(
      (await api('POST', `/api/v1/conversations/${conversation}/messages`, { text: 'Plain reply' }))
        .statusCode,
    ).toBe(201);
    const own = await ws.api('POST', `/api/v1/conversations/${conversation}/messages`, {
      text: 'Invoice',
      attachmentIds: [agentUpload.json().id],
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().attachments).toHaveLength(1);
  });
});
