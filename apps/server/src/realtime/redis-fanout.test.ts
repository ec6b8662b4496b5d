import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import {
  listen,
  startSecondServer,
  startTestApp,
  type TestApp,
  type TSecondServer,
} from '../../test/harness.ts';
import { connectSocket, type TFrame } from '../../test/ws-client.ts';

// Two server processes behind a load balancer share one database and one Redis: an event written
// through one must reach sockets connected to the other.
const REDIS = process.env.TEST_REDIS_URL;

let one: TestApp;
let two: TSecondServer;

beforeAll(async () => {
  if (!REDIS) {
    return;
  }
  one = await startTestApp({ REDIS_URL: REDIS });
  two = await startSecondServer(one);
});

afterAll(async () => {
  await two?.close();
  await one?.close();
});

let urlOfTwo: string | undefined;
/** Server two listens once, for every test. */
async function wsUrlOfTwo() {
  urlOfTwo ??= (await two.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  return urlOfTwo;
}

describe.skipIf(!REDIS)('fan-out through Redis', () => {
  it('delivers events written on one server to sockets on the other, both ways', async () => {
    expect(one.platform.hub.mode).toBe('redis');
    const ws = await buildWorkspace(one);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(one, inbox.widgetKey);
    const urlOne = await listen(one);
    const urlTwo = await wsUrlOfTwo();

    const agentOnTwo = await connectSocket(`${urlTwo}/api/v1/ws`, { cookie: ws.owner.cookie });
    agentOnTwo.send({ type: 'resume', lastSeq: null });
    await agentOnTwo.waitFor((f) => f.type === 'ready');
    const visitorOnOne = await connectSocket(`${urlOne.ws}/api/widget/v1/ws?token=${visitor.token}`);
    visitorOnOne.send({ type: 'resume', lastSeq: null });
    await visitorOnOne.waitFor((f) => f.type === 'ready');

    // Visitor writes through server one; the agent connected to server two sees it.
    const conversationId = (await visitor.api('POST', '/conversations', { text: 'Written on one' })).json()
      .conversation.id;
    await agentOnTwo.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Written on one');

    // Agent replies through server two; the visitor connected to server one sees it.
    const reply = await two.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrfToken },
      payload: { text: 'Answered on two' },
    });
    expect(reply.statusCode).toBe(201);
    await visitorOnOne.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Answered on two');
    agentOnTwo.close();
    visitorOnOne.close();
  });

  it('keeps an agent online while any server holds one of their sockets, and says so on every server', async () => {
    const ws = await buildWorkspace(one);
    const urlOne = await listen(one);
    const urlTwo = await wsUrlOfTwo();
    const watcher = await buildMember(one, ws.workspaceId, 'agent', 'Walt Watcher');
    const watch = await connectSocket(`${urlOne.ws}/api/v1/ws`, { cookie: watcher.cookie });
    watch.send({ type: 'resume', lastSeq: null });
    await watch.waitFor((f) => f.type === 'ready');
    const ownerId = ws.owner.userId;
    const presenceOn = async (app: typeof two.app) =>
      (
        await app.inject({ method: 'GET', url: '/api/v1/presence', headers: { cookie: watcher.cookie } })
      ).json().items as { userId: string; status: string }[];
    const isOwnerPresence = (f: TFrame) => f.type === 'presence' && f.data?.userId === ownerId;
    // Every change of a socket or of away is announced with the agent's status overall, changed or not:
    // the announcement after a change says what it made of it, with no waiting for one that never comes.
    const announcedAfter = async (change: () => void) => {
      const from = watch.frames.length;
      change();
      return (await watch.waitFor(isOwnerPresence, 10_000, from)).data?.status;
    };

    // The owner connects to server two only: server one lists them online too.
    const onTwo = await connectSocket(`${urlTwo}/api/v1/ws`, { cookie: ws.owner.cookie });
    onTwo.send({ type: 'resume', lastSeq: null });
    await onTwo.waitFor((f) => f.type === 'ready');
    await watch.waitFor(
      (f) => f.type === 'presence' && f.data?.userId === ownerId && f.data.status === 'online',
    );
    expect(await presenceOn(one.app)).toContainEqual({ userId: ownerId, status: 'online' });

    // A second tab on server one, then the tab on two goes away (idle) and closes: still online.
    const fromOne = watch.frames.length;
    const onOne = await connectSocket(`${urlOne.ws}/api/v1/ws`, { cookie: ws.owner.cookie });
    onOne.send({ type: 'resume', lastSeq: null });
    await onOne.waitFor((f) => f.type === 'ready');
    expect((await watch.waitFor(isOwnerPresence, 10_000, fromOne)).data?.status).toBe('online');
    expect(await announcedAfter(() => onTwo.send({ type: 'presence', status: 'away' }))).toBe('online');
    expect(await presenceOn(two.app)).toContainEqual({ userId: ownerId, status: 'online' });
    expect(await announcedAfter(() => onTwo.close())).toBe('online');
    expect(await presenceOn(two.app)).toContainEqual({ userId: ownerId, status: 'online' });

    // The last socket closes: offline everywhere.
    onOne.close();
    await watch.waitFor(
      (f) => f.type === 'presence' && f.data?.userId === ownerId && f.data.status === 'offline',
    );
    expect((await presenceOn(two.app)).some((p) => p.userId === ownerId)).toBe(false);
    watch.close();
  });
});
