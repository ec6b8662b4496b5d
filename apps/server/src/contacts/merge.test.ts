import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace, type TVisitorFixture } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { userHashOf } from '../widget/service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Every widget route a visitor token opens, with the answers a revoked token must get. */
async function expectRefused(visitor: TVisitorFixture, conversationId: string) {
  for (const res of [
    await visitor.api('GET', '/conversations'),
    await visitor.api('GET', `/conversations/${conversationId}/messages`),
    await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'still here?' }),
    await visitor.api('POST', `/conversations/${conversationId}/read`),
    await visitor.api('POST', '/conversations', { text: 'new one' }),
    await visitor.api('PATCH', '/contact', { name: 'Someone' }),
    await visitor.api('POST', '/page-views', { url: 'https://shop.example/x' }),
  ]) {
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('Account number');
  }
}

describe('merging contacts and their browsers', () => {
  it("revokes an anonymous duplicate's visitor tokens when it is merged into a verified contact", async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const verified = await bootVisitor(t, inbox.widgetKey);
    await verified.api('POST', '/identify', {
      userId: 'ada',
      userHash: userHashOf(inbox.identitySecret, 'ada'),
    });
    const history = (await verified.api('POST', '/conversations', { text: 'Account number 1234' })).json()
      .conversation.id;

    // Someone writes anonymously, says they are Ada, and an agent merges them into Ada.
    const anonymous = await bootVisitor(t, inbox.widgetKey);
    // Seen once, so the write path knows the token from memory.
    const own = (await anonymous.api('POST', '/conversations', { text: 'I am Ada, my email changed' })).json()
      .conversation.id;
    expect(
      (await anonymous.api('POST', `/conversations/${own}/messages`, { text: 'hello?' })).statusCode,
    ).toBe(201);
    const merged = await ws.api('POST', `/api/v1/contacts/${verified.contactId}/merge`, {
      duplicateId: anonymous.contactId,
    });
    expect(merged.statusCode).toBe(200);

    await expectRefused(anonymous, history);
    // The browser starts fresh with a new anonymous contact that sees nothing of Ada's.
    const fresh = await bootVisitor(t, inbox.widgetKey, anonymous.token);
    expect(fresh.token).not.toBe(anonymous.token);
    expect((await fresh.api('GET', '/conversations')).json().items).toEqual([]);
    expect((await fresh.api('GET', `/conversations/${history}/messages`)).statusCode).toBe(404);
    // Ada's own browser keeps working and sees both conversations.
    const adaView = (await verified.api('GET', '/conversations'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(adaView.sort()).toEqual([history, own].sort());
  });

  it('keeps the tokens of the side that carries the proven identity, and revokes the other side', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const anonymous = await bootVisitor(t, inbox.widgetKey);
    await anonymous.api('POST', '/conversations', { text: 'Anonymous first' });
    const proven = await bootVisitor(t, inbox.widgetKey);
    await proven.api('POST', '/identify', {
      userId: 'grace',
      userHash: userHashOf(inbox.identitySecret, 'grace'),
    });
    const history = (await proven.api('POST', '/conversations', { text: 'Account number 5678' })).json()
      .conversation.id;

    // The proven contact is the duplicate here: its browser goes on as the merged, proven contact.
    const merged = await ws.api('POST', `/api/v1/contacts/${anonymous.contactId}/merge`, {
      duplicateId: proven.contactId,
    });
    expect(merged.json()).toMatchObject({ externalId: 'grace', isVerified: true });
    const provenView = await proven.api('GET', '/conversations');
    expect(provenView.statusCode).toBe(200);
    expect(provenView.json().items).toHaveLength(2);
    expect((await proven.api('GET', `/conversations/${history}/messages`)).json().items[0].text).toBe(
      'Account number 5678',
    );
    // The anonymous browser never proved anything: it must not read the proven history.
    await expectRefused(anonymous, history);
  });
});
