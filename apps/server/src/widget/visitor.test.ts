import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';
import { userHashOf } from './service.ts';

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

async function upload(token: string, filename: string, bytes: Buffer, contentType?: string) {
  const { payload, headers } = multipart(filename, bytes, contentType);
  return t.app.inject({
    method: 'POST',
    url: '/api/widget/v1/attachments',
    payload,
    headers: { ...headers, 'x-parley-visitor': token },
  });
}

describe('visitor tokens', () => {
  it('return to the same contact and conversation history on a later visit', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const first = await bootVisitor(t, inbox.widgetKey);
    const conversation = (await first.api('POST', '/conversations', { text: 'Hello there' })).json()
      .conversation;
    const again = await bootVisitor(t, inbox.widgetKey, first.token);
    expect(again.token).toBe(first.token);
    expect(again.contactId).toBe(first.contactId);
    const history = (await again.api('GET', `/conversations/${conversation.id}/messages`)).json().items;
    expect(history.map((m: { text: string }) => m.text)).toEqual(['Hello there']);
  });

  it("cannot read or post to another visitor's conversation", async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const alice = await bootVisitor(t, inbox.widgetKey);
    const mallory = await bootVisitor(t, inbox.widgetKey);
    const aliceConversation = (
      await alice.api('POST', '/conversations', { text: 'My address is 1 Main St' })
    ).json().conversation.id;
    for (const res of [
      await mallory.api('GET', `/conversations/${aliceConversation}/messages`),
      await mallory.api('POST', `/conversations/${aliceConversation}/messages`, { text: 'injected' }),
      await mallory.api('POST', `/conversations/${aliceConversation}/read`),
      await mallory.api('POST', `/conversations/${aliceConversation}/typing`, { isTyping: true }),
    ]) {
      expect(res.statusCode === 404 || res.statusCode === 204).toBe(true);
      expect(res.body).not.toContain('Main St');
    }
    expect((await mallory.api('GET', `/conversations/${aliceConversation}/messages`)).statusCode).toBe(404);
    expect((await mallory.api('GET', '/conversations')).json().items).toEqual([]);
    const aliceHistory = (await alice.api('GET', `/conversations/${aliceConversation}/messages`)).json()
      .items;
    expect(aliceHistory).toHaveLength(1);
  });

  it('are refused when unknown, and a token from another inbox starts a new visitor', async () => {
    const ws = await buildWorkspace(t);
    const one = await buildInbox(ws);
    const two = await buildInbox(ws, { name: 'Docs site' });
    const visitor = await bootVisitor(t, one.widgetKey);
    const elsewhere = await bootVisitor(t, two.widgetKey, visitor.token);
    expect(elsewhere.token).not.toBe(visitor.token);
    expect(elsewhere.contactId).not.toBe(visitor.contactId);
    const bogus = await t.app.inject({
      url: '/api/widget/v1/conversations',
      headers: { 'x-parley-visitor': `pvt_${'x'.repeat(43)}` },
    });
    expect(bogus.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/widget/v1/conversations' })).statusCode).toBe(401);
    const unknownKey = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey: 'wk_nope', page: { url: 'x' } },
    });
    expect(unknownKey.statusCode).toBe(404);
  });

  it('answer cross-origin calls (CORS) without cookies', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/widget/v1/boot',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-parley-visitor',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('identity verification', () => {
  async function setup(requireIdentityVerification: boolean) {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws, { requireIdentityVerification });
    return { ws, inbox };
  }

  it('accepts the right hash, refuses a wrong or missing one when the inbox requires it', async () => {
    const { inbox } = await setup(true);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const missing = await visitor.api('POST', '/identify', { userId: 'user-42', email: 'ada@example.com' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('identity_verification_failed');
    const wrong = await visitor.api('POST', '/identify', {
      userId: 'user-42',
      userHash: userHashOf('not-the-secret', 'user-42'),
    });
    expect(wrong.statusCode).toBe(401);
    const right = await visitor.api('POST', '/identify', {
      userId: 'user-42',
      email: 'ada@example.com',
      name: 'Ada',
      attributes: { plan: 'pro', seats: 5 },
      userHash: userHashOf(inbox.identitySecret, 'user-42'),
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().contact).toMatchObject({ name: 'Ada', email: 'ada@example.com', isIdentified: true });
  });

  it('lets a verified user see their conversations from another device', async () => {
    const { ws, inbox } = await setup(true);
    const hash = userHashOf(inbox.identitySecret, 'user-7');
    const laptop = await bootVisitor(t, inbox.widgetKey);
    await laptop.api('POST', '/identify', { userId: 'user-7', userHash: hash });
    const conversation = (await laptop.api('POST', '/conversations', { text: 'From my laptop' })).json()
      .conversation.id;

    const phone = await bootVisitor(t, inbox.widgetKey);
    const before = (await phone.api('POST', '/conversations', { text: 'Anonymous question first' })).json()
      .conversation.id;
    const identified = await phone.api('POST', '/identify', { userId: 'user-7', userHash: hash });
    const ids = identified.json().conversations.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([conversation, before]));
    expect((await phone.api('GET', `/conversations/${conversation}/messages`)).json().items[0].text).toBe(
      'From my laptop',
    );
    const contacts = (await ws.api('GET', '/api/v1/contacts')).json().items;
    expect(contacts.filter((c: { externalId: string | null }) => c.externalId === 'user-7')).toHaveLength(1);
  });

  it('never lets an unverified visitor attach to an identified contact', async () => {
    const { inbox } = await setup(false);
    const owner = await bootVisitor(t, inbox.widgetKey);
    await owner.api('POST', '/identify', {
      userId: 'ceo',
      userHash: userHashOf(inbox.identitySecret, 'ceo'),
    });
    const secret = (await owner.api('POST', '/conversations', { text: 'Board meeting notes' })).json()
      .conversation.id;

    const attacker = await bootVisitor(t, inbox.widgetKey);
    const claim = await attacker.api('POST', '/identify', { userId: 'ceo', email: 'attacker@example.com' });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().error.code).toBe('identity_verification_required');
    expect((await attacker.api('GET', `/conversations/${secret}/messages`)).statusCode).toBe(404);
    expect((await attacker.api('GET', '/conversations')).json().items).toEqual([]);

    // Without verification required, an unclaimed user id is accepted for the visitor's own contact.
    const casual = await attacker.api('POST', '/identify', { userId: 'newcomer', name: 'New' });
    expect(casual.statusCode).toBe(200);
    expect(casual.json().contact.isIdentified).toBe(true);
  });

  it('reset forgets the token', async () => {
    const { inbox } = await setup(false);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    expect((await visitor.api('POST', '/reset')).statusCode).toBe(204);
    expect((await visitor.api('GET', '/conversations')).statusCode).toBe(401);
  });
});

describe('attachments', () => {
  it('accepts an image, serves it through a signed link, and sends it with a message', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const res = await upload(visitor.token, 'screenshot.png', PNG, 'image/png');
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      filename: 'screenshot.png',
      contentType: 'image/png',
      isImage: true,
      size: PNG.length,
    });
    const url = new URL(attachment.url);
    const file = await t.app.inject({ url: `${url.pathname}${url.search}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^inline/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);

    const forged = await t.app.inject({
      url: `${url.pathname}?exp=${url.searchParams.get('exp')}&sig=${'A'.repeat(43)}`,
    });
    expect(forged.statusCode).toBe(404);
    const expired = await t.app.inject({
      url: `${url.pathname}?exp=1000&sig=${url.searchParams.get('sig')}`,
    });
    expect(expired.statusCode).toBe(404);

    const started = await visitor.api('POST', '/conversations', { text: '', attachmentIds: [attachment.id] });
    expect(started.statusCode).toBe(201);
    const conversationId = started.json().conversation.id;
    const agentView = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    expect(agentView[0].attachments[0]).toMatchObject({ id: attachment.id, isImage: true });
    // An attachment is sent once, and only by its uploader.
    const other = await bootVisitor(t, inbox.widgetKey);
    const reuse = await other.api('POST', '/conversations', { text: 'x', attachmentIds: [attachment.id] });
    expect(reuse.statusCode).toBe(400);
  });

  it('refuses oversize files, HTML, SVG and unknown binaries with clear errors', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const big = await upload(
      visitor.token,
      'big.png',
      Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1)]),
      'image/png',
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    for (const [name, bytes] of [
      ['page.html', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')],
      [
        'tool.exe',
        Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]),
      ],
    ] as const) {
      const res = await upload(visitor.token, name, bytes, 'image/png');
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    const text = await upload(visitor.token, 'notes.txt', Buffer.from('order #123, please call me'));
    expect(text.statusCode).toBe(201);
    expect(text.json()).toMatchObject({ contentType: 'text/plain', isImage: false });
    const notMultipart = await visitor.api('POST', '/attachments', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
  });
});
