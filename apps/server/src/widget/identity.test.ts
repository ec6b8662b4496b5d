import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { userHashOf } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TContactRow = { id: string; externalId: string | null; isVerified: boolean };

describe('identity squatting', () => {
  it('gives the proven user a contact of their own when someone claimed their user id without a hash', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const squatter = await bootVisitor(t, inbox.widgetKey);
    const claim = await squatter.api('POST', '/identify', { userId: 'ada', email: 'ada@example.com' });
    expect(claim.statusCode).toBe(200);
    const squatterConversation = (
      await squatter.api('POST', '/conversations', { text: 'Waiting for Ada' })
    ).json().conversation.id;

    const ada = await bootVisitor(t, inbox.widgetKey);
    const before = (await ada.api('POST', '/conversations', { text: 'My card ends in 4242' })).json()
      .conversation.id;
    const proven = await ada.api('POST', '/identify', {
      userId: 'ada',
      email: 'ada@example.com',
      userHash: userHashOf(inbox.identitySecret, 'ada'),
    });
    expect(proven.statusCode).toBe(200);
    const adaContact = proven.json().contact;
    expect(adaContact.id).not.toBe(claim.json().contact.id);
    expect(adaContact.isIdentified).toBe(true);
    // Ada sees her own history and nothing the squatter wrote.
    expect(proven.json().conversations.map((c: { id: string }) => c.id)).toEqual([before]);
    const after = (await ada.api('POST', '/conversations', { text: 'Please refund order 77' })).json()
      .conversation.id;

    // The squatter's token reads none of Ada's conversations.
    const squatterList = (await squatter.api('GET', '/conversations')).json().items;
    expect(squatterList.map((c: { id: string }) => c.id)).toEqual([squatterConversation]);
    for (const id of [before, after]) {
      const res = await squatter.api('GET', `/conversations/${id}/messages`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('4242');
    }
    const again = await squatter.api('POST', '/identify', { userId: 'ada' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('identity_verification_required');

    // One contact carries the user id, and it is the proven one.
    const contacts = (await ws.api('GET', '/api/v1/contacts')).json().items as TContactRow[];
    const withId = contacts.filter((c) => c.externalId === 'ada');
    expect(withId).toEqual([expect.objectContaining({ id: adaContact.id, isVerified: true })]);
    expect(contacts.find((c) => c.id === claim.json().contact.id)).toMatchObject({ externalId: null });
  });

  it('refuses an identify without a hash for a user id once a valid hash was seen for it', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const hash = userHashOf(inbox.identitySecret, 'grace');
    const grace = await bootVisitor(t, inbox.widgetKey);
    expect((await grace.api('POST', '/identify', { userId: 'grace', userHash: hash })).statusCode).toBe(200);
    await grace.api('POST', '/conversations', { text: 'Private matter' });

    for (const browser of [grace, await bootVisitor(t, inbox.widgetKey)]) {
      const res = await browser.api('POST', '/identify', { userId: 'grace', name: 'Not Grace' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('identity_verification_required');
    }
    const stranger = await bootVisitor(t, inbox.widgetKey);
    await stranger.api('POST', '/identify', { userId: 'grace' });
    expect((await stranger.api('GET', '/conversations')).json().items).toEqual([]);

    // The proven browser goes on with its hash; a claim of an unproven user id is still accepted.
    expect((await grace.api('POST', '/identify', { userId: 'grace', userHash: hash })).statusCode).toBe(200);
    expect((await stranger.api('POST', '/identify', { userId: 'linus' })).statusCode).toBe(200);
    const contacts = (await ws.api('GET', '/api/v1/contacts')).json().items as TContactRow[];
    expect(contacts.find((c) => c.externalId === 'grace')).toMatchObject({
      isVerified: true,
      id: grace.contactId,
    });
  });
});
