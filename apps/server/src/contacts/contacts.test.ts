import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { userHashOf } from '../widget/service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('contacts', () => {
  it('edits fields and typed custom attributes; null removes an attribute', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const res = await ws.api('PATCH', `/api/v1/contacts/${visitor.contactId}`, {
      name: 'Grace',
      email: 'grace@example.com',
      attributes: { plan: 'pro', seats: 12, trial: false },
    });
    expect(res.json()).toMatchObject({ name: 'Grace', attributes: { plan: 'pro', seats: 12, trial: false } });
    const removed = await ws.api('PATCH', `/api/v1/contacts/${visitor.contactId}`, {
      attributes: { trial: null },
    });
    expect(removed.json().attributes).toEqual({ plan: 'pro', seats: 12 });
    expect(
      (await ws.api('PATCH', `/api/v1/contacts/${visitor.contactId}`, { attributes: { nested: { a: 1 } } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await ws.api('PATCH', `/api/v1/contacts/${visitor.contactId}`, { email: 'not-an-email' })).statusCode,
    ).toBe(400);
  });

  it('searches by name, email or phone', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const a = await bootVisitor(t, inbox.widgetKey);
    const b = await bootVisitor(t, inbox.widgetKey);
    await ws.api('PATCH', `/api/v1/contacts/${a.contactId}`, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    await ws.api('PATCH', `/api/v1/contacts/${b.contactId}`, {
      name: 'Alan 100%_Turing',
      phone: '+44 20 7946 0000',
    });
    const find = async (q: string) =>
      (await ws.api('GET', `/api/v1/contacts?search=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await find('lovelace')).toEqual([a.contactId]);
    expect(await find('EXAMPLE.COM')).toEqual([a.contactId]);
    expect(await find('7946')).toEqual([b.contactId]);
    expect(await find('100%_')).toEqual([b.contactId]);
    expect(await find('%')).toEqual([b.contactId]);
  });

  it('keeps sealed notes about a contact and filters the list', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const a = await bootVisitor(t, inbox.widgetKey);
    const b = await bootVisitor(t, inbox.widgetKey);
    await a.api('POST', '/identify', { userId: 'u-a' });
    const added = await ws.api('POST', `/api/v1/contacts/${a.contactId}/notes`, {
      text: 'Prefers email; big account',
    });
    expect(added.statusCode).toBe(201);
    const notes = (await ws.api('GET', `/api/v1/contacts/${a.contactId}/notes`)).json().items;
    expect(notes).toMatchObject([{ text: 'Prefers email; big account', author: { name: 'Olivia Owner' } }]);
    expect(added.json().author.name).toBe('Olivia Owner');
    expect((await ws.api('POST', `/api/v1/contacts/${a.contactId}/notes`, { text: '   ' })).statusCode).toBe(
      400,
    );
    expect((await ws.api('DELETE', `/api/v1/contacts/${b.contactId}/notes/${notes[0].id}`)).statusCode).toBe(
      404,
    );
    expect((await ws.api('DELETE', `/api/v1/contacts/${a.contactId}/notes/${notes[0].id}`)).statusCode).toBe(
      204,
    );
    expect((await ws.api('GET', `/api/v1/contacts/${a.contactId}/notes`)).json().items).toEqual([]);

    const ids = async (q: string) =>
      (await ws.api('GET', `/api/v1/contacts?${q}`)).json().items.map((c: { id: string }) => c.id);
    expect(await ids('identified=true')).toEqual([a.contactId]);
    expect(await ids('identified=false')).toEqual([b.contactId]);
    expect((await ws.api('GET', '/api/v1/contacts?country=france')).statusCode).toBe(400);
  });

  it('merges a duplicate: conversations and visits move, fields fill, the duplicate goes', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const keep = await bootVisitor(t, inbox.widgetKey);
    const duplicate = await bootVisitor(t, inbox.widgetKey);
    await ws.api('PATCH', `/api/v1/contacts/${keep.contactId}`, {
      name: 'Grace',
      attributes: { plan: 'pro' },
    });
    await ws.api('PATCH', `/api/v1/contacts/${duplicate.contactId}`, {
      email: 'grace@example.com',
      attributes: { plan: 'free', company: 'Navy' },
    });
    const c1 = (await keep.api('POST', '/conversations', { text: 'From laptop' })).json().conversation.id;
    const c2 = (await duplicate.api('POST', '/conversations', { text: 'From phone' })).json().conversation.id;

    await ws.api('POST', `/api/v1/contacts/${duplicate.contactId}/notes`, { text: 'Called on Monday' });
    const merged = await ws.api('POST', `/api/v1/contacts/${keep.contactId}/merge`, {
      duplicateId: duplicate.contactId,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      name: 'Grace',
      email: 'grace@example.com',
      attributes: { plan: 'pro', company: 'Navy' },
    });
    expect((await ws.api('GET', `/api/v1/contacts/${duplicate.contactId}`)).statusCode).toBe(404);
    const notes = (await ws.api('GET', `/api/v1/contacts/${keep.contactId}/notes`)).json().items;
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Called on Monday']);
    const conversations = (await ws.api('GET', `/api/v1/conversations?contactId=${keep.contactId}`)).json()
      .items;
    expect(conversations.map((c: { id: string }) => c.id).sort()).toEqual([c1, c2].sort());
    // Neither side was proven: the laptop's browser sees both conversations, the phone's starts fresh.
    const laptopView = (await keep.api('GET', '/conversations'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(laptopView.sort()).toEqual([c1, c2].sort());
    expect((await duplicate.api('GET', '/conversations')).statusCode).toBe(401);
    expect(
      (await ws.api('POST', `/api/v1/contacts/${keep.contactId}/merge`, { duplicateId: keep.contactId }))
        .statusCode,
    ).toBe(400);
  });

  it('never merges two contacts identified as different users, nor across workspaces', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const a = await bootVisitor(t, inbox.widgetKey);
    const b = await bootVisitor(t, inbox.widgetKey);
    await a.api('POST', '/identify', { userId: 'u1', userHash: userHashOf(inbox.identitySecret, 'u1') });
    await b.api('POST', '/identify', { userId: 'u2', userHash: userHashOf(inbox.identitySecret, 'u2') });
    const res = await ws.api('POST', `/api/v1/contacts/${a.contactId}/merge`, { duplicateId: b.contactId });
    expect(res.statusCode).toBe(409);

    const other = await buildWorkspace(t);
    const otherInbox = await buildInbox(other);
    const stranger = await bootVisitor(t, otherInbox.widgetKey);
    const cross = await ws.api('POST', `/api/v1/contacts/${a.contactId}/merge`, {
      duplicateId: stranger.contactId,
    });
    expect(cross.statusCode).toBe(404);
    expect((await other.api('GET', `/api/v1/contacts/${stranger.contactId}`)).statusCode).toBe(200);
  });
});
