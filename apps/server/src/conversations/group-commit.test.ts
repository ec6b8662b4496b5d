import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { newId } from '../platform/ids.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function setUp() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitors = await Promise.all([1, 2, 3].map(() => bootVisitor(t, inbox.widgetKey)));
  const conversations: string[] = [];
  for (const v of visitors) {
    const res = await v.api('POST', '/conversations', { text: 'Hello, I have a question' });
    conversations.push(res.json().conversation.id);
  }
  return { ws, visitors, conversations };
}

describe('group commit of messages', () => {
  it('gives messages written together ids in the order they were made', () => {
    const ids = Array.from({ length: 2000 }, () => newId('msg'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes concurrent messages of many visitors and replies together, counting each one', async () => {
    const { ws, visitors, conversations } = await setUp();
    const posts = [];
    for (let i = 0; i < 5; i++) {
      visitors.forEach((v, k) => {
        posts.push(v.api('POST', `/conversations/${conversations[k]}/messages`, { text: `Message ${i}` }));
      });
    }
    // A reply in the same moment as the visitor's messages waits for a batch of its own kind.
    posts.push(ws.api('POST', `/api/v1/conversations/${conversations[0]}/messages`, { text: 'On it!' }));
    const results = await Promise.all(posts);
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    for (const [k, id] of conversations.entries()) {
      const messages = (await ws.api('GET', `/api/v1/conversations/${id}/messages?limit=50`)).json().items;
      const texts = messages
        .filter((m: { kind: string }) => m.kind === 'incoming')
        .map((m: { text: string }) => m.text);
      // Concurrent requests of one visitor have no order of their own: compare as sets.
      expect([...texts].sort()).toEqual([
        'Hello, I have a question',
        ...[0, 1, 2, 3, 4].map((n) => `Message ${n}`),
      ]);
      const conversation = (await ws.api('GET', `/api/v1/conversations/${id}`)).json();
      if (k === 0) {
        expect(conversation.unreadByContact).toBe(1);
        expect(conversation.firstReplyAt).not.toBeNull();
      } else {
        expect(conversation.unreadByAgents).toBe(6);
        // The newest message, as the history orders them (batches of a workspace commit in order).
        expect(conversation.lastMessage.id).toBe(messages.at(-1).id);
      }
    }
  });

  it('refuses only the message that is not allowed, not the others of its batch', async () => {
    const { visitors, conversations } = await setUp();
    const [alice, bob] = visitors;
    const results = await Promise.all([
      alice!.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'Mine' }),
      bob!.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'Not mine' }),
      bob!.api('POST', `/conversations/${conversations[1]}/messages`, { text: 'Also mine' }),
      bob!.api('POST', '/conversations/conv_missing/messages', { text: 'Nowhere' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 404, 201, 404]);
    const history = (await alice!.api('GET', `/conversations/${conversations[0]}/messages`)).json().items;
    expect(history.map((m: { text: string }) => m.text)).not.toContain('Not mine');
  });

  it('fails a message refused inside its batch alone, and writes the rest of the batch', async () => {
    const { ws, visitors, conversations } = await setUp();
    const results = await Promise.all([
      visitors[0]!.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'Fine' }),
      // The attachment is found missing inside the batch's transaction: the batch rolls back and is
      // retried one message at a time.
      visitors[1]!.api('POST', `/conversations/${conversations[1]}/messages`, {
        text: 'With a file',
        attachmentIds: ['att_0000000000000000000000000'],
      }),
      visitors[2]!.api('POST', `/conversations/${conversations[2]}/messages`, { text: 'Also fine' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 400, 201]);
    expect(results[1]!.json().error.code).toBe('validation_failed');
    const lastTexts = await Promise.all(
      conversations.map(async (id) => {
        const items = (await ws.api('GET', `/api/v1/conversations/${id}/messages`)).json().items;
        return items.at(-1).text;
      }),
    );
    expect(lastTexts).toEqual(['Fine', 'Hello, I have a question', 'Also fine']);
  });

  it('refuses text the database cannot store before it joins a batch, writing the others', async () => {
    const { visitors, conversations } = await setUp();
    const results = await Promise.all([
      visitors[0]!.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'Fine' }),
      // PostgreSQL text cannot hold a NUL character.
      visitors[1]!.api('POST', `/conversations/${conversations[1]}/messages`, { text: 'Bad \u0000 text' }),
      visitors[2]!.api('POST', `/conversations/${conversations[2]}/messages`, { text: 'Also fine' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 400, 201]);
    expect(results[1]!.json().error).toMatchObject({ code: 'invalid_text', details: { path: 'body.text' } });
  });

  it('checks the visitor token again when the message is written', async () => {
    const { visitors, conversations } = await setUp();
    const v = visitors[0]!;
    expect(
      (await v.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'One' })).statusCode,
    ).toBe(201);
    expect((await v.api('POST', '/reset')).statusCode).toBe(204);
    const after = await v.api('POST', `/conversations/${conversations[0]}/messages`, { text: 'Two' });
    expect(after.statusCode).toBe(401);
  });
});
