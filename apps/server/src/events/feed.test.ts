import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import { offerCommitted, subscribeToWorkspace } from './feed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the feed of a workspace', () => {
  it('hands over events of this process in sequence order, holding one that comes ahead of a gap', async () => {
    const ws = await buildWorkspace(t);
    const heard: number[] = [];
    const sub = await subscribeToWorkspace(t.platform, ws.workspaceId, (event) => heard.push(event.seq!));
    const event = (seq: number): TStoredEvent => ({
      workspaceId: ws.workspaceId,
      seq: sub.cursor + seq,
      type: 'conversation.updated',
      conversationId: null,
      contactId: null,
      forAgents: true,
      payloadSealed: `test-${seq}`,
    });
    const json = (seq: number) => JSON.stringify({ n: seq });
    // The second transaction's reply is handled first: its events wait for the first's.
    offerCommitted(t.platform, [event(3), event(4)], [json(3), json(4)]);
    expect(heard).toEqual([]);
    offerCommitted(t.platform, [event(1), event(2)], [json(1), json(2)]);
    expect(heard.map((seq) => seq - sub.cursor)).toEqual([1, 2, 3, 4]);
    // An event already handed over is never handed over again.
    offerCommitted(t.platform, [event(4)], [json(4)]);
    expect(heard).toHaveLength(4);
    sub.unsubscribe();
  });
});
