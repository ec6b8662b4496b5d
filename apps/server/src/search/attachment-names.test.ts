import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp, type TSession } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

// Attachment names are found by search: an agent looking for "invoice" finds the message that carried
// Invoice_2024-03.pdf, whoever sent it, and sees which attachment matched.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function agentUpload(session: TSession, filename: string) {
  const { payload, headers } = multipart(filename, PDF);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    payload,
    headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function visitorUpload(token: string, filename: string) {
  const { payload, headers } = multipart(filename, PDF);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/widget/v1/attachments',
    payload,
    headers: { ...headers, 'x-parley-visitor': token },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

type THit = {
  id: string;
  conversationId: string;
  attachments: { filename: string; snippet: { text: string; isMatch: boolean }[] }[];
};

async function seed() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const conversationId = (await visitor.api('POST', '/conversations', { text: 'Hello' })).json().conversation
    .id as string;
  return { ws, visitor, conversationId };
}

describe('search by attachment name', () => {
  it("finds an agent's reply by the name of its attachment and marks the matching words", async () => {
    const { ws, conversationId } = await seed();
    const attachmentId = await agentUpload(ws.owner, 'Invoice_2024-03.pdf');
    const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Here you go',
      attachmentIds: [attachmentId],
    });
    expect(reply.statusCode).toBe(201);
    for (const q of ['invoice', 'Invoice_2024', '2024-03.pdf', 'invoice pdf']) {
      const hits = (await ws.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json()
        .messages as THit[];
      expect({ q, ids: hits.map((h) => h.id) }).toEqual({ q, ids: [reply.json().id] });
      expect(hits[0]!.conversationId).toBe(conversationId);
      expect(hits[0]!.attachments).toHaveLength(1);
      expect(hits[0]!.attachments[0]!.filename).toBe('Invoice_2024-03.pdf');
    }
    const [hit] = (await ws.api('GET', '/api/v1/search?q=invoice')).json().messages as THit[];
    expect(hit!.attachments[0]!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['Invoice']);
  });

  it("finds a visitor's message that is only an attachment, and a private note's attachment", async () => {
    const { ws, visitor, conversationId } = await seed();
    const fromVisitor = await visitor.api('POST', `/conversations/${conversationId}/messages`, {
      attachmentIds: [await visitorUpload(visitor.token, 'broken-blender-photo.pdf')],
    });
    expect(fromVisitor.statusCode).toBe(201);
    const note = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Internal',
      isPrivate: true,
      attachmentIds: [await agentUpload(ws.owner, 'warranty-terms.pdf')],
    });
    expect(note.statusCode).toBe(201);
    const blender = (await ws.api('GET', '/api/v1/search?q=blender')).json().messages as THit[];
    expect(blender.map((h) => h.id)).toEqual([fromVisitor.json().id]);
    const warranty = (await ws.api('GET', '/api/v1/search?q=warranty')).json().messages as THit[];
    expect(warranty.map((h) => h.id)).toEqual([note.json().id]);
    // A match in the text alone lists no attachment.
    const internal = (await ws.api('GET', '/api/v1/search?q=internal')).json().messages as THit[];
    expect(internal[0]!.attachments).toEqual([]);
  });

  it('indexes no attachment names for a workspace that does not allow a search index', async () => {
    const ws = await buildWorkspace(t);
    // Set before the first message: the setting is cached for a minute per process.
    await t.platform.db.execute(
      sql`update workspaces set allow_search_index = false where id = ${ws.workspaceId}`,
    );
    const visitor = await bootVisitor(t, (await buildInbox(ws)).widgetKey);
    const conversationId = (await visitor.api('POST', '/conversations', { text: 'Hello' })).json()
      .conversation.id as string;
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Attached',
      attachmentIds: [await agentUpload(ws.owner, 'secret-merger.pdf')],
    });
    const rows = (await t.platform.db.execute(
      sql`select count(*)::int as n from messages m join attachments a on a.message_id = m.id
           where m.workspace_id = ${ws.workspaceId} and m.search_vector @@ to_tsquery('simple', 'merger')`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('makes the attachment names of messages written before this release searchable (migration)', async () => {
    const { ws, conversationId } = await seed();
    const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Older reply',
      attachmentIds: [await agentUpload(ws.owner, 'shipping-label.pdf')],
    });
    // As such a message was stored before: only the words of its text.
    await t.platform.db.execute(
      sql`update messages set search_vector = to_tsvector('simple', 'Older reply') where id = ${reply.json().id}`,
    );
    expect((await ws.api('GET', '/api/v1/search?q=shipping')).json().messages).toEqual([]);
    const folder = new URL('../../drizzle/', import.meta.url);
    const name = (await readdir(folder)).find((f) => f.endsWith('_attachment_names_searchable.sql'));
    const migration = await readFile(new URL(name!, folder), 'utf8');
    await t.platform.db.execute(sql.raw(migration));
    const hits = (await ws.api('GET', '/api/v1/search?q=shipping')).json().messages as THit[];
    expect(hits.map((h) => h.id)).toEqual([reply.json().id]);
    expect((await ws.api('GET', '/api/v1/search?q=older')).json().messages).toHaveLength(1);
  });

  it("never finds another workspace's attachment names", async () => {
    const a = await seed();
    const b = await seed();
    await b.ws.api('POST', `/api/v1/conversations/${b.conversationId}/messages`, {
      text: 'File',
      attachmentIds: [await agentUpload(b.ws.owner, 'payroll-march.pdf')],
    });
    expect((await a.ws.api('GET', '/api/v1/search?q=payroll')).json().messages).toEqual([]);
    expect((await b.ws.api('GET', '/api/v1/search?q=payroll')).json().messages).toHaveLength(1);
  });
});
