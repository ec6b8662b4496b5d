import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootVisitor, buildInbox, buildMember, buildWorkspace, eventually } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { DELIVER_MESSAGE_JOB, DeliveryError, type TChannel } from '../platform/channels.ts';
import { receiveInbound, receiveStatus } from './service.ts';

// A channel whose provider is an HTTP server this test runs on 127.0.0.1: it exercises everything the
// channel interface promises (contact by address, threading, once per external id, the outbox with
// retries, status mapping, connect and disconnect) with the real server, database and job system.
type TSent = { to: string | null; text: string; apiKey: unknown };
let provider: Server;
let providerUrl = '';
const sent: TSent[] = [];
/** What the provider answers next: accept, refuse for good, or fail for now. */
let providerMode: 'accept' | 'refuse' | 'fail' = 'accept';

const loopbackChannel: TChannel = {
  type: 'loopback',
  settings: z.strictObject({ url: z.url() }),
  secrets: z.strictObject({ apiKey: z.string().min(8) }),
  address: 'email',
  async deliver(outbound) {
    const res = await fetch(String(outbound.settings.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        to: outbound.contact.email,
        text: outbound.message.text,
        apiKey: outbound.secrets.apiKey,
      }),
    });
    const body = (await res.json()) as { id?: string; error?: string };
    if (res.status === 422) {
      throw new DeliveryError(body.error ?? 'refused', true);
    }
    if (!res.ok) {
      throw new Error(`provider answered ${res.status}`);
    }
    return { providerId: body.id ?? null };
  },
  statuses: { delivered: 'delivered', opened: 'read', bounced: 'failed' },
};

let t: TestApp;
beforeAll(async () => {
  provider = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (providerMode === 'refuse') {
        res.statusCode = 422;
        res.end(JSON.stringify({ error: 'The address does not accept mail' }));
        return;
      }
      if (providerMode === 'fail') {
        res.statusCode = 503;
        res.end('{}');
        return;
      }
      sent.push(JSON.parse(body) as TSent);
      res.end(JSON.stringify({ id: `prov-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`;
  t = await startTestApp();
  t.platform.channels.register(loopbackChannel);
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

/** A workspace with an inbox of the loopback channel, connected with its settings and credentials. */
async function setUp() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws, { name: 'Support mail' });
  await t.platform.database.executeSql(`update inboxes set channel = 'loopback' where id = $1`, [inbox.id]);
  const connect = await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/connect`, {
    settings: { url: providerUrl },
    secrets: { apiKey: 'key-123456' },
  });
  expect(connect.statusCode).toBe(200);
  expect(connect.json().channelState).toEqual({ state: 'connected', lastError: null, lastErrorAt: null });
  return { ws, inbox, scope: { platform: t.platform, workspaceId: ws.workspaceId } };
}

async function messageRow(workspaceId: string, id: string) {
  const { rows } = await t.platform.database.executeSql(
    'select status, status_reason, external_id from messages where workspace_id = $1 and id = $2',
    [workspaceId, id],
  );
  return rows[0] as { status: string; status_reason: string | null; external_id: string | null };
}

async function jobsFor(messageId: string) {
  const rows = await t.platform.db.execute(
    sql`select state::text as state, retry_count from pgboss.job
         where name = ${DELIVER_MESSAGE_JOB.name} and data->>'messageId' = ${messageId}`,
  );
  return (rows as unknown as { rows: { state: string; retry_count: number }[] }).rows;
}

describe('the channel interface', () => {
  it('turns inbound messages into one conversation per contact, found by address, stored once per id', async () => {
    const { ws, inbox, scope } = await setUp();
    const first = await receiveInbound(scope, inbox.id, {
      externalId: 'mail-1',
      from: { address: 'Ana@Example.com', name: 'Ana Lopez' },
      text: 'My parcel has not arrived',
    });
    expect(first.isDuplicate).toBe(false);
    // The provider sends it again (a retry): nothing is written twice.
    const again = await receiveInbound(scope, inbox.id, {
      externalId: 'mail-1',
      from: { address: 'ana@example.com' },
      text: 'My parcel has not arrived',
    });
    expect(again).toEqual({ ...first, isDuplicate: true });
    // The same person (address in another case) continues the open conversation.
    const second = await receiveInbound(scope, inbox.id, {
      externalId: 'mail-2',
      from: { address: 'ana@example.com' },
      text: 'Any news?',
    });
    expect(second.conversationId).toBe(first.conversationId);

    const conversation = (await ws.api('GET', `/api/v1/conversations/${first.conversationId}`)).json();
    expect(conversation).toMatchObject({
      inboxId: inbox.id,
      status: 'open',
      unreadByAgents: 2,
      contact: { name: 'Ana Lopez', email: 'Ana@Example.com' },
    });
    const history = (await ws.api('GET', `/api/v1/conversations/${first.conversationId}/messages`)).json();
    expect(history.items.map((m: { text: string }) => m.text)).toEqual([
      'My parcel has not arrived',
      'Any news?',
    ]);
    // Another person gets a conversation of their own.
    const other = await receiveInbound(scope, inbox.id, {
      externalId: 'mail-3',
      from: { address: 'ben@example.com' },
      text: 'Hello',
    });
    expect(other.conversationId).not.toBe(first.conversationId);
  });

  it('keeps a message whose text the database could not store as sent, and refuses another workspace', async () => {
    const { ws, inbox, scope } = await setUp();
    // A provider may hand over a NUL or half of a surrogate pair: the customer's message is kept.
    const odd = await receiveInbound(scope, inbox.id, {
      externalId: 'odd-1',
      from: { address: 'gil@example.com', name: 'Gil\u0000' },
      text: 'Hi \u0000 there \uD800!',
    });
    const [message] = (await ws.api('GET', `/api/v1/conversations/${odd.conversationId}/messages`)).json()
      .items;
    expect(message.text).toBe('Hi \uFFFD there \uFFFD!');
    expect(message.sender.name).toBe('Gil\uFFFD');
    // The inbox id of another workspace is not found from this one, and nothing is written.
    const other = await buildWorkspace(t, 'Other');
    const stranger = { platform: t.platform, workspaceId: other.workspaceId };
    await expect(
      receiveInbound(stranger, inbox.id, {
        externalId: 'x-1',
        from: { address: 'x@example.com' },
        text: 'Hi',
      }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(
      receiveStatus(stranger, inbox.id, { providerId: 'prov-1', status: 'delivered' }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const { rows } = await t.platform.database.executeSql(
      `select count(*)::int as n from messages where external_id = $1`,
      [`${inbox.id}:x-1`],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('sends replies through the outbox job and maps the provider status callbacks', async () => {
    const { ws, inbox, scope } = await setUp();
    const { conversationId } = await receiveInbound(scope, inbox.id, {
      externalId: 'in-1',
      from: { address: 'cleo@example.com' },
      text: 'Where is my order?',
    });
    const before = sent.length;
    const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'It ships today',
    });
    expect(reply.statusCode).toBe(201);
    // Written as pending; the job sends it once the reply has committed.
    expect(reply.json()).toMatchObject({ status: 'pending', statusReason: null });
    const id = reply.json().id as string;
    const row = await eventually(async () => {
      const r = await messageRow(ws.workspaceId, id);
      return r.status === 'sent' ? r : null;
    });
    expect(sent.slice(before)).toEqual([
      { to: 'cleo@example.com', text: 'It ships today', apiKey: 'key-123456' },
    ]);
    const providerId = row.external_id!.slice(`${inbox.id}:`.length);

    // A late or unknown word changes nothing; "opened" means read; a step back is ignored.
    expect(await receiveStatus(scope, inbox.id, { providerId, status: 'queued' })).toBeNull();
    expect(await receiveStatus(scope, inbox.id, { providerId: 'unknown', status: 'delivered' })).toBeNull();
    expect(await receiveStatus(scope, inbox.id, { providerId, status: 'opened' })).toBe('read');
    expect(await receiveStatus(scope, inbox.id, { providerId, status: 'delivered' })).toBeNull();
    expect((await messageRow(ws.workspaceId, id)).status).toBe('read');
    // A bounce of a reply that was only sent fails it, with the provider's reason.
    const second = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Also this',
    });
    const secondRow = await eventually(async () => {
      const r = await messageRow(ws.workspaceId, second.json().id);
      return r.status === 'sent' ? r : null;
    });
    const bounced = await receiveStatus(scope, inbox.id, {
      providerId: secondRow.external_id!.slice(`${inbox.id}:`.length),
      status: 'bounced',
      reason: 'Mailbox full',
    });
    expect(bounced).toBe('failed');
    expect(await messageRow(ws.workspaceId, second.json().id)).toMatchObject({
      status: 'failed',
      status_reason: 'Mailbox full',
    });
    // Notes are never sent out.
    const note = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Internal only',
      isPrivate: true,
    });
    expect(note.json().status).toBe('sent');
    expect(await jobsFor(note.json().id)).toEqual([]);
  });

  it('fails a reply the provider refuses for good, with the reason, and shows the error on the inbox', async () => {
    const { ws, inbox, scope } = await setUp();
    const { conversationId } = await receiveInbound(scope, inbox.id, {
      externalId: 'in-1',
      from: { address: 'dan@example.com' },
      text: 'Hi',
    });
    providerMode = 'refuse';
    try {
      const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
        text: 'Hello Dan',
      });
      const id = reply.json().id as string;
      const row = await eventually(async () => {
        const r = await messageRow(ws.workspaceId, id);
        return r.status === 'failed' ? r : null;
      });
      expect(row.status_reason).toBe('The address does not accept mail');
      const view = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`))
        .json()
        .items.at(-1);
      expect(view).toMatchObject({ status: 'failed', statusReason: 'The address does not accept mail' });
      const state = (await ws.api('GET', `/api/v1/inboxes/${inbox.id}`)).json().channelState;
      expect(state.lastError).toBe('The address does not accept mail');
      expect(new Date(state.lastErrorAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      providerMode = 'accept';
    }
  });

  it('retries a reply the provider could not take for now, keeping it pending', async () => {
    const { ws, inbox, scope } = await setUp();
    const { conversationId } = await receiveInbound(scope, inbox.id, {
      externalId: 'in-1',
      from: { address: 'eve@example.com' },
      text: 'Hi',
    });
    providerMode = 'fail';
    try {
      const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
        text: 'Hello Eve',
      });
      const id = reply.json().id as string;
      const jobs = await eventually(async () => {
        const rows = await jobsFor(id);
        return rows[0]?.state === 'retry' ? rows : null;
      });
      // One job, waiting for its next attempt (pg-boss counts the retry when it starts it).
      expect(jobs).toEqual([{ state: 'retry', retry_count: 0 }]);
      expect((await messageRow(ws.workspaceId, id)).status).toBe('pending');
      const state = (await ws.api('GET', `/api/v1/inboxes/${inbox.id}`)).json().channelState;
      expect(state.lastError).toBe('provider answered 503');
    } finally {
      providerMode = 'accept';
    }
  });

  it('stops ingestion at once when disconnected, pauses replies, and sends them on reconnect', async () => {
    const { ws, inbox, scope } = await setUp();
    const { conversationId } = await receiveInbound(scope, inbox.id, {
      externalId: 'in-1',
      from: { address: 'finn@example.com' },
      text: 'Hi',
    });
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const refused = await agent.api('POST', `/api/v1/inboxes/${inbox.id}/channel/disconnect`);
    expect(refused.statusCode).toBe(403);
    const off = await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/disconnect`);
    expect(off.statusCode).toBe(200);
    expect(off.json().channelState.state).toBe('disconnected');

    await expect(
      receiveInbound(scope, inbox.id, {
        externalId: 'in-2',
        from: { address: 'finn@example.com' },
        text: 'Hello?',
      }),
    ).rejects.toMatchObject({ code: 'channel_disconnected', status: 409 });
    const { rows } = await t.platform.database.executeSql(
      `select count(*)::int as n from messages where workspace_id = $1 and external_id = $2`,
      [ws.workspaceId, `${inbox.id}:in-2`],
    );
    expect(rows[0]).toEqual({ n: 0 });

    const before = sent.length;
    const reply = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Paused reply',
    });
    const id = reply.json().id as string;
    // The job ran and sent nothing: the reply waits.
    await eventually(async () => (await jobsFor(id))[0]?.state === 'completed');
    expect(sent.length).toBe(before);
    expect((await messageRow(ws.workspaceId, id)).status).toBe('pending');

    const bad = await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/connect`, {
      settings: { url: 'not a url' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const on = await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/connect`, {});
    expect(on.json().channelState.state).toBe('connected');
    await eventually(async () => (await messageRow(ws.workspaceId, id)).status === 'sent');
    expect(sent.slice(before).map((s) => s.text)).toEqual(['Paused reply']);
    // The credentials stay sealed and are never returned.
    expect(JSON.stringify(on.json())).not.toContain('key-123456');
    const sealed = await t.platform.database.executeSql(
      'select channel_secrets_sealed from inboxes where id = $1',
      [inbox.id],
    );
    expect(String(sealed.rows[0]!.channel_secrets_sealed)).not.toContain('key-123456');
  });

  it('refuses visitors of a disconnected website inbox, even with an open widget', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const started = await visitor.api('POST', '/conversations', { text: 'Hello' });
    expect(started.statusCode).toBe(201);
    const conversationId = started.json().conversation.id as string;
    await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/disconnect`);

    const reply = await visitor.api('POST', `/conversations/${conversationId}/messages`, {
      text: 'Still there?',
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('channel_disconnected');
    const fresh = await visitor.api('POST', '/conversations', { text: 'New question' });
    expect(fresh.statusCode).toBe(409);
    const boot = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/' } },
    });
    expect(boot.statusCode).toBe(409);
    const history = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    expect(history.map((m: { text: string }) => m.text)).toEqual(['Hello']);
    const { rows } = await t.platform.database.executeSql(
      'select count(*)::int as n from conversations where workspace_id = $1',
      [ws.workspaceId],
    );
    expect(rows[0]).toEqual({ n: 1 });

    await ws.api('POST', `/api/v1/inboxes/${inbox.id}/channel/connect`, {});
    expect(
      (await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'Back' })).statusCode,
    ).toBe(201);
  });
});
