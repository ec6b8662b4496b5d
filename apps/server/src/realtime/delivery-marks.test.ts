import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace, type TWorkspaceFixture } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import type { TMessageView } from '../conversations/presenter.ts';
import { markDelivered } from '../conversations/service.ts';
import type { TenantScope } from '../platform/context.ts';
import { DeliveryMarks } from './delivery-marks.ts';

// No socket is open in these tests: the marks written are the batcher's under test only.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TBatch = { workspaceId: string; ids: string[] };

/** A batcher writing with the real markDelivered, recording each write (one per transaction). */
function recordingMarks(batchMs: number) {
  const batches: TBatch[] = [];
  const waiters: (() => void)[] = [];
  const marks = new DeliveryMarks(t.platform, {
    batchMs,
    write: async (scope: TenantScope, sent: TMessageView[]) => {
      await markDelivered(scope, sent);
      batches.push({ workspaceId: scope.workspaceId, ids: sent.map((m) => m.id).sort() });
      for (const w of waiters.splice(0)) {
        w();
      }
    },
  });
  /** Resolves once `count` writes have finished. */
  const written = async (count: number) => {
    while (batches.length < count) {
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { marks, batches, written };
}

/** A workspace with a visitor's conversation holding `replies` agent replies, all still `sent`. */
async function conversationWithReplies(replies: number) {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const started = await visitor.api('POST', '/conversations', { text: 'Where is my order?' });
  expect(started.statusCode).toBe(201);
  const conversationId = started.json().conversation.id as string;
  for (let i = 1; i <= replies; i++) {
    const res = await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: `Reply ${i}`,
    });
    expect(res.statusCode).toBe(201);
  }
  return { ws, conversationId, messages: await messagesOf(ws, conversationId) };
}

async function messagesOf(ws: TWorkspaceFixture, conversationId: string): Promise<TMessageView[]> {
  const res = await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

const statusesOf = async (ws: TWorkspaceFixture, conversationId: string) =>
  Object.fromEntries((await messagesOf(ws, conversationId)).map((m) => [m.text, m.status]));

describe('delivery marks', () => {
  it('writes the marks of one batch in one transaction per workspace, after the batch time', async () => {
    const a = await conversationWithReplies(3);
    const b = await conversationWithReplies(1);
    const { marks, batches, written } = recordingMarks(50);
    for (const m of a.messages) {
      marks.add(a.ws.workspaceId, m);
    }
    for (const m of b.messages) {
      marks.add(b.ws.workspaceId, m);
    }
    // Collected, not written yet: the batch waits for more.
    expect(batches).toEqual([]);
    await written(2);
    expect(batches).toHaveLength(2);
    expect(batches).toEqual(
      expect.arrayContaining([
        { workspaceId: a.ws.workspaceId, ids: a.messages.map((m) => m.id).sort() },
        { workspaceId: b.ws.workspaceId, ids: b.messages.map((m) => m.id).sort() },
      ]),
    );
    expect(await statusesOf(a.ws, a.conversationId)).toEqual({
      'Where is my order?': 'delivered',
      'Reply 1': 'delivered',
      'Reply 2': 'delivered',
      'Reply 3': 'delivered',
    });
    expect(await statusesOf(b.ws, b.conversationId)).toEqual({
      'Where is my order?': 'delivered',
      'Reply 1': 'delivered',
    });
    await marks.close();
  });

  it('marks a message once, however many sockets received it, in this batch or a later one', async () => {
    const { ws, messages } = await conversationWithReplies(2);
    const [first, second] = messages.filter((m) => m.kind === 'outgoing');
    const { marks, batches, written } = recordingMarks(20);
    for (let socket = 0; socket < 1000; socket++) {
      marks.add(ws.workspaceId, first!);
    }
    await written(1);
    marks.add(ws.workspaceId, first!);
    marks.add(ws.workspaceId, second!);
    await written(2);
    expect(batches).toEqual([
      { workspaceId: ws.workspaceId, ids: [first!.id] },
      { workspaceId: ws.workspaceId, ids: [second!.id] },
    ]);
    await marks.close();
    expect(batches).toHaveLength(2);
  });

  it('writes what is pending at once when closed, waits for it, and takes no marks after', async () => {
    const { ws, conversationId, messages } = await conversationWithReplies(2);
    const [first, second] = messages.filter((m) => m.kind === 'outgoing');
    // A batch time far beyond the test: only close can write it.
    const { marks, batches } = recordingMarks(60_000);
    marks.add(ws.workspaceId, first!);
    await marks.close();
    expect(batches).toEqual([{ workspaceId: ws.workspaceId, ids: [first!.id] }]);
    expect(await statusesOf(ws, conversationId)).toMatchObject({ 'Reply 1': 'delivered', 'Reply 2': 'sent' });
    marks.add(ws.workspaceId, second!);
    await marks.flush();
    expect(batches).toHaveLength(1);
    expect(await statusesOf(ws, conversationId)).toMatchObject({ 'Reply 2': 'sent' });
  });

  it('keeps batching after a write fails', async () => {
    const { ws, conversationId, messages } = await conversationWithReplies(2);
    const [first, second] = messages.filter((m) => m.kind === 'outgoing');
    let calls = 0;
    const marks = new DeliveryMarks(t.platform, {
      batchMs: 10,
      write: async (scope, sent) => {
        calls += 1;
        if (calls === 1) {
          throw new Error('database unavailable');
        }
        await markDelivered(scope, sent);
      },
    });
    marks.add(ws.workspaceId, first!);
    await marks.flush();
    marks.add(ws.workspaceId, second!);
    await marks.close();
    expect(calls).toBe(2);
    expect(await statusesOf(ws, conversationId)).toMatchObject({ 'Reply 1': 'sent', 'Reply 2': 'delivered' });
  });
});
