import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace, type TVisitorFixture } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

// A visitor's conversations stay reachable: a reply to a resolved one reopens it (or, where the inbox
// says so, starts a new one), and the widget lists every earlier conversation a page at a time.
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

async function uploadImage(visitor: TVisitorFixture): Promise<string> {
  const boundary = '----parleytest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="receipt.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/widget/v1/attachments',
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-parley-visitor': visitor.token,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function resolvedConversation(replyToResolved?: 'reopen' | 'new_conversation') {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws, replyToResolved ? { settings: { replyToResolved } } : {});
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const started = await visitor.api('POST', '/conversations', { text: 'My parcel is late' });
  const conversationId: string = started.json().conversation.id;
  await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'It arrives today.' });
  const resolved = await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'resolved' });
  expect(resolved.json().status).toBe('resolved');
  return { ws, inbox, visitor, conversationId };
}

describe("a visitor's reply to a resolved conversation", () => {
  it('reopens it by default, for a text reply and for a reply with a file', async () => {
    const { ws, inbox, visitor, conversationId } = await resolvedConversation();
    expect((await ws.api('GET', `/api/v1/inboxes/${inbox.id}`)).json().settings.replyToResolved).toBe(
      'reopen',
    );
    const reply = await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'Not yet' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().conversationId).toBe(conversationId);
    expect((await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().status).toBe('open');

    await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'resolved' });
    const withFile = await visitor.api('POST', `/conversations/${conversationId}/messages`, {
      attachmentIds: [await uploadImage(visitor)],
    });
    expect(withFile.json().conversationId).toBe(conversationId);
    expect((await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().status).toBe('open');
    expect((await visitor.api('GET', '/conversations')).json().items).toHaveLength(1);
  });

  it('starts a new conversation instead when the inbox is set so, and the resolved one stays resolved', async () => {
    const { ws, visitor, conversationId } = await resolvedConversation('new_conversation');
    const reply = await visitor.api('POST', `/conversations/${conversationId}/messages`, {
      text: 'Another question: do you ship to Canada?',
    });
    expect(reply.statusCode).toBe(201);
    const followUp: string = reply.json().conversationId;
    expect(followUp).not.toBe(conversationId);
    expect((await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().status).toBe('resolved');
    const fresh = (await ws.api('GET', `/api/v1/conversations/${followUp}`)).json();
    expect(fresh).toMatchObject({ status: 'open', contact: { id: visitor.contactId } });
    const messages = (await visitor.api('GET', `/conversations/${followUp}/messages`)).json().items;
    expect(messages.map((m: { text: string }) => m.text)).toEqual([
      'Another question: do you ship to Canada?',
    ]);

    // The same for a reply with a file, on the attachment path.
    await ws.api('PATCH', `/api/v1/conversations/${followUp}`, { status: 'resolved' });
    const withFile = await visitor.api('POST', `/conversations/${followUp}/messages`, {
      attachmentIds: [await uploadImage(visitor)],
    });
    expect(withFile.statusCode).toBe(201);
    expect([conversationId, followUp]).not.toContain(withFile.json().conversationId);
    const list = (await visitor.api('GET', '/conversations')).json().items;
    expect(list.map((c: { status: string }) => c.status)).toEqual(['open', 'resolved', 'resolved']);
  });

  it("refuses a reply to another visitor's resolved conversation rather than starting one", async () => {
    const { ws, inbox, conversationId } = await resolvedConversation('new_conversation');
    const mallory = await bootVisitor(t, inbox.widgetKey);
    for (const body of [{ text: 'hello' }, { attachmentIds: [await uploadImage(mallory)] }]) {
      const res = await mallory.api('POST', `/conversations/${conversationId}/messages`, body);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('parcel');
    }
    expect((await mallory.api('GET', '/conversations')).json().items).toEqual([]);
    const all = (await ws.api('GET', '/api/v1/conversations')).json().items;
    expect(all).toHaveLength(1);
  });

  it('refuses an unknown value for the inbox setting', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const res = await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, {
      settings: { replyToResolved: 'merge' },
    });
    expect(res.statusCode).toBe(400);
    const set = await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, {
      settings: { replyToResolved: 'new_conversation' },
    });
    expect(set.json().settings.replyToResolved).toBe('new_conversation');
  });
});

describe("the visitor's conversation list", () => {
  it('lists the visitor’s conversations most recent first, a page at a time', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const ids: string[] = [];
    for (const text of ['First', 'Second', 'Third']) {
      ids.push((await visitor.api('POST', '/conversations', { text })).json().conversation.id);
    }
    const first = (await visitor.api('GET', '/conversations?limit=2')).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0].lastMessage.text).toBe('Third');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await visitor.api('GET', `/conversations?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await visitor.api('GET', '/conversations?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    expect((await visitor.api('GET', '/conversations?limit=500')).statusCode).toBe(400);
  });

  it("never shows another visitor's or another workspace's conversations, even with their cursor", async () => {
    const ws = await buildWorkspace(t);
    const other = await buildWorkspace(t, 'Other');
    const inbox = await buildInbox(ws);
    const alice = await bootVisitor(t, inbox.widgetKey);
    const bob = await bootVisitor(t, inbox.widgetKey);
    const stranger = await bootVisitor(t, (await buildInbox(other)).widgetKey, alice.token);
    for (const text of ['Alice one', 'Alice two']) {
      await alice.api('POST', '/conversations', { text });
    }
    await bob.api('POST', '/conversations', { text: 'Bob here' });
    const alicePage = (await alice.api('GET', '/conversations?limit=1')).json();
    const cursor = encodeURIComponent(alicePage.nextCursor);
    for (const visitor of [bob, stranger]) {
      const res = await visitor.api('GET', `/conversations?limit=1&cursor=${cursor}`);
      expect(res.body).not.toContain('Alice');
    }
    expect((await bob.api('GET', '/conversations')).json().items).toHaveLength(1);
    expect((await stranger.api('GET', '/conversations')).json().items).toEqual([]);
    const aliceOwn = alicePage.items[0].id;
    expect((await stranger.api('GET', `/conversations/${aliceOwn}/messages`)).statusCode).toBe(404);
    expect((await bob.api('GET', `/conversations/${aliceOwn}/messages`)).statusCode).toBe(404);
  });
});
