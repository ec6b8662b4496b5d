import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { inWorkspace } from '../platform/context.ts';
import { rowsOf } from '../platform/db.ts';
import { searchQuery } from './text.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function seed() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const grace = await bootVisitor(t, inbox.widgetKey);
  const conversation = (
    await grace.api('POST', '/conversations', {
      text: 'I was charged twice and want a refund for order 1234',
    })
  ).json().conversation.id as string;
  await ws.api('PATCH', `/api/v1/contacts/${grace.contactId}`, {
    name: 'Grace Hopper',
    email: 'grace@navy.example',
  });
  await ws.api('POST', `/api/v1/conversations/${conversation}/messages`, {
    text: 'Sorry about that, the refund is on its way',
  });
  await ws.api('POST', `/api/v1/conversations/${conversation}/messages`, {
    text: 'VIP: refunded via Stripe',
    isPrivate: true,
  });
  const other = await bootVisitor(t, inbox.widgetKey);
  await other.api('POST', '/conversations', { text: 'Où est ma commande ? Elle devait arriver hier.' });
  return { ws, inbox, grace, conversation };
}

describe('search', () => {
  it('finds messages by word prefix and by stem, newest first, with highlighted snippets', async () => {
    const { ws, conversation } = await seed();
    const res = await ws.api('GET', '/api/v1/search?q=refund');
    expect(res.statusCode).toBe(200);
    const hits = res.json().messages;
    expect(hits.map((h: { kind: string }) => h.kind)).toEqual(['note', 'outgoing', 'incoming']);
    expect(hits[2]).toMatchObject({ conversationId: conversation, contact: { name: 'Grace Hopper' } });
    expect(
      hits[2].snippet.filter((p: { isMatch: boolean }) => p.isMatch).map((p: { text: string }) => p.text),
    ).toEqual(['refund']);
    const stemmed = (await ws.api('GET', '/api/v1/search?q=charges')).json().messages;
    expect(stemmed).toHaveLength(1);
    const both = (await ws.api('GET', '/api/v1/search?q=refund%201234')).json().messages;
    expect(both).toHaveLength(1);
    const french = (await ws.api('GET', '/api/v1/search?q=commande')).json().messages;
    expect(french).toHaveLength(1);
    expect((await ws.api('GET', '/api/v1/search?q=nothinglikethis')).json().messages).toEqual([]);
  });

  it('finds the newest matches on each of its paths: newest messages, words index, newest-first walk', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const conversation = (await visitor.api('POST', '/conversations', { text: 'hello there' })).json()
      .conversation.id as string;
    const refunds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const text = i % 2 === 0 ? `refund number ${i}` : `thanks number ${i}`;
      const res = await ws.api('POST', `/api/v1/conversations/${conversation}/messages`, { text });
      if (i % 2 === 0) {
        refunds.unshift(res.json().id);
      }
    }
    const ids = (lim: number, recentRows: number, fewMatches: number) =>
      inWorkspace({ platform: t.platform, workspaceId: ws.workspaceId }, async (tx) =>
        (
          await rowsOf<{ id: string }>(
            tx,
            sql`select parley_search_message_ids(${searchQuery(['refund'])}, ${lim}, ${recentRows}, ${fewMatches}) as id`,
          )
        )
          .map((r) => r.id)
          .sort()
          .reverse(),
      );
    expect(await ids(2, 10, 100)).toEqual(refunds.slice(0, 2)); // the newest 10 messages hold 2 matches
    expect(await ids(2, 1, 100)).toEqual(refunds.slice(0, 2)); // all 5 matches read through the index
    expect(await ids(2, 1, 3)).toEqual(refunds.slice(0, 2)); // more than 3 matches: walk newest-first
    expect(await ids(10, 4, 100)).toEqual(refunds); // fewer than asked for: every match
    expect(await ids(10, 4, 3)).toEqual(refunds);
  });

  it('finds contacts by part of a name, email or phone', async () => {
    const { ws, grace } = await seed();
    expect(
      (await ws.api('GET', '/api/v1/search?q=hopp')).json().contacts.map((c: { id: string }) => c.id),
    ).toEqual([grace.contactId]);
    expect((await ws.api('GET', '/api/v1/search?q=navy.example')).json().contacts).toHaveLength(1);
  });

  it('treats input as words, never as query syntax, and refuses an empty query', async () => {
    const { ws } = await seed();
    for (const q of ["'); drop table messages; --", 'refund & | ! :*', '%_\\', '((((']) {
      const res = await ws.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
    }
    expect((await ws.api('GET', '/api/v1/search?q=')).statusCode).toBe(400);
  });

  it("never returns another workspace's messages or contacts", async () => {
    const a = await seed();
    const b = await seed();
    const hits = (await a.ws.api('GET', '/api/v1/search?q=refund')).json();
    expect(hits.messages.every((h: { conversationId: string }) => h.conversationId === a.conversation)).toBe(
      true,
    );
    expect(hits.messages.some((h: { conversationId: string }) => h.conversationId === b.conversation)).toBe(
      false,
    );
  });

  it('indexes no words for a workspace that does not allow a search index', async () => {
    const ws = await buildWorkspace(t);
    await t.platform.db.execute(
      sql`update workspaces set allow_search_index = false where id = ${ws.workspaceId}`,
    );
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    await visitor.api('POST', '/conversations', { text: 'confidential merger plans' });
    const rows = (await t.platform.db.execute(
      sql`select count(*)::int as n from messages where workspace_id = ${ws.workspaceId} and search_vector is not null`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(0);
  });
});
