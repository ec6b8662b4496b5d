import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import { listen, startTestApp, type TestApp } from '../../test/harness.ts';
import { connectSocket, type TFrame } from '../../test/ws-client.ts';

let t: TestApp;
let base: { http: string; ws: string };
beforeAll(async () => {
  t = await startTestApp({ REALTIME_PING_MS: '1500' });
  base = await listen(t);
});
afterAll(async () => {
  await t?.close();
});

async function scene() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const agentSocket = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: ws.owner.cookie });
  agentSocket.send({ type: 'resume', lastSeq: null });
  await agentSocket.waitFor((f) => f.type === 'ready');
  const visitorSocket = await connectSocket(`${base.ws}/api/widget/v1/ws?token=${visitor.token}`);
  visitorSocket.send({ type: 'resume', lastSeq: null });
  await visitorSocket.waitFor((f) => f.type === 'ready');
  return { ws, inbox, visitor, agentSocket, visitorSocket };
}

const isMessage = (text: string) => (f: TFrame) => f.type === 'message.created' && f.data?.text === text;

describe('realtime delivery', () => {
  it('delivers visitor messages to agents and replies to the visitor, never notes', async () => {
    const { ws, visitor, agentSocket, visitorSocket } = await scene();
    const started = (await visitor.api('POST', '/conversations', { text: 'Is anyone there?' })).json();
    const conversationId = started.conversation.id;
    const created = await agentSocket.waitFor((f) => f.type === 'conversation.created');
    expect(created.seq).toBeGreaterThan(0);
    const incoming = await agentSocket.waitFor(isMessage('Is anyone there?'));
    expect(incoming.data?.kind).toBe('incoming');

    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Internal only',
      isPrivate: true,
    });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Yes, here to help!' });
    const reply = await visitorSocket.waitFor(isMessage('Yes, here to help!'));
    expect(reply.data).toMatchObject({ kind: 'outgoing', sender: { type: 'user', name: 'Olivia Owner' } });
    expect(reply.data).not.toHaveProperty('language');
    await agentSocket.waitFor(isMessage('Internal only'));
    expect(visitorSocket.frames.some((f) => JSON.stringify(f).includes('Internal only'))).toBe(false);

    // The visitor's socket received the reply, so it becomes delivered.
    const delivered = await agentSocket.waitFor(
      (f) =>
        f.type === 'message.updated' &&
        f.data?.status === 'delivered' &&
        f.data?.text === 'Yes, here to help!',
    );
    expect(delivered.data?.kind).toBe('outgoing');
    // And the agents' sockets received the visitor's message, so the visitor sees it delivered.
    const seen = await visitorSocket.waitFor(
      (f) =>
        f.type === 'message.updated' && f.data?.status === 'delivered' && f.data?.text === 'Is anyone there?',
    );
    // That news is the visitor's alone: the agents' sockets skip it (they show the status of replies).
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Noted after the delivery',
      isPrivate: true,
    });
    const later = await agentSocket.waitFor(isMessage('Noted after the delivery'));
    expect(later.seq!).toBeGreaterThan(seen.seq!);
    expect(
      agentSocket.frames.some((f) => f.type === 'message.updated' && f.data?.text === 'Is anyone there?'),
    ).toBe(false);
    agentSocket.close();
    visitorSocket.close();
  });

  it('tracks presence: online with a socket, away when the dashboard says so, offline when gone', async () => {
    const { ws, agentSocket, visitorSocket } = await scene();
    const watcher = await buildMember(t, ws.workspaceId, 'agent');
    const watch = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: watcher.cookie });
    watch.send({ type: 'resume', lastSeq: null });
    await watch.waitFor((f) => f.type === 'ready');
    const statuses = async () =>
      Object.fromEntries(
        (await ws.api('GET', '/api/v1/presence'))
          .json()
          .items.map((i: { userId: string; status: string }) => [i.userId, i.status]),
      );
    expect((await statuses())[ws.owner.userId]).toBe('online');
    agentSocket.send({ type: 'presence', status: 'away' });
    await watch.waitFor(
      (f) => f.type === 'presence' && f.data?.status === 'away' && f.data?.userId === ws.owner.userId,
    );
    expect((await statuses())[ws.owner.userId]).toBe('away');
    visitorSocket.send({ type: 'presence', status: 'away' });
    await visitorSocket.waitFor((f) => f.type === 'error');
    agentSocket.close();
    await watch.waitFor(
      (f) => f.type === 'presence' && f.data?.status === 'offline' && f.data?.userId === ws.owner.userId,
    );
    expect((await statuses())[ws.owner.userId]).toBeUndefined();
    watch.close();
    visitorSocket.close();
  });

  it('relays typing both ways without storing it', async () => {
    const { ws, visitor, agentSocket, visitorSocket } = await scene();
    const conversationId = (await visitor.api('POST', '/conversations', { text: 'Hi' })).json().conversation
      .id;
    visitorSocket.send({ type: 'typing', conversationId, isTyping: true });
    const typing = await agentSocket.waitFor((f) => f.type === 'typing');
    expect(typing.seq).toBeUndefined();
    expect(typing.data).toMatchObject({ conversationId, isTyping: true, sender: { type: 'contact' } });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/typing`, { isTyping: true });
    const agentTyping = await visitorSocket.waitFor((f) => f.type === 'typing');
    expect(agentTyping.data).toMatchObject({ isTyping: true, sender: { type: 'user' } });
    agentSocket.close();
    visitorSocket.close();
  });

  it('tells the team, never the visitor, that an agent is writing a private note', async () => {
    const { ws, visitor, agentSocket, visitorSocket } = await scene();
    const conversationId = (await visitor.api('POST', '/conversations', { text: 'Hi' })).json().conversation
      .id;
    const teammate = await buildMember(t, ws.workspaceId, 'agent');
    const watch = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: teammate.cookie });
    watch.send({ type: 'resume', lastSeq: null });
    await watch.waitFor((f) => f.type === 'ready');
    const res = await ws.api('POST', `/api/v1/conversations/${conversationId}/typing`, {
      isTyping: true,
      isPrivate: true,
    });
    expect(res.statusCode).toBe(204);
    const typing = await watch.waitFor((f) => f.type === 'typing');
    expect(typing.data).toMatchObject({
      conversationId,
      isTyping: true,
      isPrivate: true,
      sender: { type: 'user', id: ws.owner.userId, name: 'Olivia Owner' },
    });
    // A reply's typing after it does reach the visitor, so the note's would have arrived first.
    await ws.api('POST', `/api/v1/conversations/${conversationId}/typing`, { isTyping: false });
    const replyTyping = await visitorSocket.waitFor((f) => f.type === 'typing');
    expect(replyTyping.data).toMatchObject({ isTyping: false, isPrivate: false });
    expect(visitorSocket.frames.filter((f) => f.type === 'typing')).toHaveLength(1);

    // The same over the agent's socket.
    const watched = watch.frames.length;
    agentSocket.send({ type: 'typing', conversationId, isTyping: true, isPrivate: true });
    const overSocket = await watch.waitFor((f) => f.type === 'typing', 10_000, watched);
    expect(overSocket.data).toMatchObject({
      isTyping: true,
      isPrivate: true,
      sender: { id: ws.owner.userId },
    });
    const seenByVisitor = visitorSocket.frames.length;
    agentSocket.send({ type: 'typing', conversationId, isTyping: false });
    const off = await visitorSocket.waitFor((f) => f.type === 'typing', 10_000, seenByVisitor);
    expect(off.data).toMatchObject({ isTyping: false, isPrivate: false });
    expect(visitorSocket.frames.filter((f) => f.type === 'typing')).toHaveLength(2);
    watch.close();
    agentSocket.close();
    visitorSocket.close();
  });

  it('answers frames that are not JSON objects with an error and keeps the socket', async () => {
    const { agentSocket } = await scene();
    for (const raw of ['null', '42', '[1,2]', '"text"', '{not json']) {
      const mark = agentSocket.frames.length;
      agentSocket.socket.send(raw);
      const error = await agentSocket.waitFor((f) => f.type === 'error', 10_000, mark);
      expect(error).toMatchObject({ type: 'error', code: 'invalid_json' });
    }
    agentSocket.send({ type: 'ping' });
    await agentSocket.waitFor((f) => f.type === 'pong');
    agentSocket.close();
  });

  it('resumes after a network drop with every missed event, in order, and no duplicates', async () => {
    const { ws, visitor, agentSocket, visitorSocket } = await scene();
    const conversationId = (await visitor.api('POST', '/conversations', { text: 'First' })).json()
      .conversation.id;
    const first = await visitorSocket.waitFor((f) => f.type === 'message.created');
    const lastSeq = Math.max(...visitorSocket.frames.filter((f) => f.seq).map((f) => f.seq!));
    visitorSocket.socket.terminate();
    expect(first.seq).toBeLessThanOrEqual(lastSeq);

    for (let i = 1; i <= 5; i++) {
      await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: `Missed ${i}` });
    }
    const again = await connectSocket(`${base.ws}/api/widget/v1/ws?token=${visitor.token}`);
    again.send({ type: 'resume', lastSeq });
    const ready = await again.waitFor((f) => f.type === 'ready');
    const beforeReady = again.frames.slice(0, again.frames.indexOf(ready));
    const replayed = beforeReady.filter((f) => f.type === 'message.created').map((f) => f.data?.text);
    expect(replayed).toEqual(['Missed 1', 'Missed 2', 'Missed 3', 'Missed 4', 'Missed 5']);
    const seqs = beforeReady.filter((f) => f.seq !== undefined).map((f) => f.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(ready.lastSeq).toBeGreaterThanOrEqual(seqs.at(-1)!);

    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Live again' });
    await again.waitFor(isMessage('Live again'));
    again.close();
    agentSocket.close();
  });

  it('delivers every event of concurrent writers exactly once, in sequence order, with no gap', async () => {
    const { ws, inbox, agentSocket } = await scene();
    const visitors = await Promise.all(Array.from({ length: 8 }, () => bootVisitor(t, inbox.widgetKey)));
    const conversations = await Promise.all(
      visitors.map(
        async (v) =>
          (await v.api('POST', '/conversations', { text: 'start' })).json().conversation.id as string,
      ),
    );
    await Promise.all(
      visitors.flatMap((v, i) =>
        Array.from({ length: 6 }, (_, n) =>
          v.api('POST', `/conversations/${conversations[i]}/messages`, { text: `burst ${i}-${n}` }),
        ),
      ),
    );
    await Promise.all(
      conversations.map((id) =>
        ws.api('POST', `/api/v1/conversations/${id}/messages`, { text: `reply to ${id}` }),
      ),
    );
    for (let i = 0; i < 8; i++) {
      for (let n = 0; n < 6; n++) {
        await agentSocket.waitFor(isMessage(`burst ${i}-${n}`));
      }
    }
    const lastSeq = (
      (await t.platform.db.execute(
        sql`select max(seq)::int as last from events where workspace_id = ${ws.workspaceId} and for_agents`,
      )) as unknown as {
        rows: { last: number }[];
      }
    ).rows[0]!.last;
    await agentSocket.waitFor((f) => f.seq === lastSeq);
    const seqs = agentSocket.frames.filter((f) => f.seq !== undefined).map((f) => f.seq!);
    // Exactly the events agents hear of (a visitor's message being delivered is the visitor's news),
    // each once, in order, none skipped; delivery marks written after the count may arrive too.
    const logged = (
      (await t.platform.db.execute(
        sql`select seq::int as seq from events
             where workspace_id = ${ws.workspaceId} and for_agents and seq >= ${seqs[0]!} and seq <= ${lastSeq}
             order by seq`,
      )) as unknown as { rows: { seq: number }[] }
    ).rows.map((r) => r.seq);
    expect(seqs.filter((seq) => seq <= lastSeq)).toEqual(logged);
    expect(seqs).toContain(lastSeq);
    agentSocket.close();
  });

  it('asks a client to reload when the events it missed were pruned', async () => {
    const { ws, visitor, agentSocket, visitorSocket } = await scene();
    await visitor.api('POST', '/conversations', { text: 'Before pruning' });
    await agentSocket.waitFor(isMessage('Before pruning'));
    agentSocket.close();
    await t.platform.db.execute(sql`delete from events where workspace_id = ${ws.workspaceId}`);
    await visitor.api('POST', '/conversations', { text: 'After pruning' });
    const back = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: ws.owner.cookie });
    back.send({ type: 'resume', lastSeq: 1 });
    await back.waitFor((f) => f.type === 'resync');
    await back.waitFor((f) => f.type === 'ready');
    back.close();
    visitorSocket.close();
  });

  it("never shows a visitor another contact's events, live or replayed", async () => {
    const { inbox, visitor, visitorSocket, agentSocket } = await scene();
    const other = await bootVisitor(t, inbox.widgetKey);
    await other.api('POST', '/conversations', { text: 'Private to the other visitor' });
    await agentSocket.waitFor(isMessage('Private to the other visitor'));
    // A socket gets its events in sequence order: once the visitor's own later message is there, the
    // other visitor's would have come before it.
    await visitor.api('POST', '/conversations', { text: 'Written afterwards' });
    await visitorSocket.waitFor(isMessage('Written afterwards'));
    expect(JSON.stringify(visitorSocket.frames)).not.toContain('Private to the other visitor');
    const replay = await connectSocket(
      `${base.ws}/api/widget/v1/ws?token=${visitorSocket === null ? '' : (await bootVisitor(t, inbox.widgetKey)).token}`,
    );
    replay.send({ type: 'resume', lastSeq: 0 });
    await replay.waitFor((f) => f.type === 'ready');
    expect(JSON.stringify(replay.frames)).not.toContain('Private to the other visitor');
    replay.close();
    visitorSocket.close();
    agentSocket.close();
  });

  it('refuses bad credentials and foreign origins', async () => {
    const ws = await buildWorkspace(t);
    const noCookie = await connectSocket(`${base.ws}/api/v1/ws`);
    expect((await noCookie.whenClosed).code).toBe(4001);
    const badToken = await connectSocket(`${base.ws}/api/widget/v1/ws?token=pvt_nope`);
    expect((await badToken.whenClosed).code).toBe(4001);
    const foreign = await connectSocket(`${base.ws}/api/v1/ws`, {
      cookie: ws.owner.cookie,
      origin: 'https://evil.example',
    });
    expect((await foreign.whenClosed).code).toBe(4003);
  });

  it('closes floods and dead sockets', async () => {
    const ws = await buildWorkspace(t);
    const flooder = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: ws.owner.cookie });
    for (let i = 0; i < 150; i++) {
      flooder.send({ type: 'ping' });
    }
    expect((await flooder.whenClosed).code).toBe(4008);

    const silent = await connectSocket(`${base.ws}/api/v1/ws`, { cookie: ws.owner.cookie, autoPong: false });
    const closed = await silent.whenClosed;
    expect(closed.code).toBe(1006);
  });
});
