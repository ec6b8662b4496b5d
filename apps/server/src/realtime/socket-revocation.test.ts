import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootVisitor,
  buildInbox,
  buildMember,
  buildWorkspace,
  PASSWORD,
  signIn,
} from '../../test/factories.ts';
import {
  apiAs,
  listen,
  startSecondServer,
  startTestApp,
  type TestApp,
  type TSecondServer,
} from '../../test/harness.ts';
import { connectSocket } from '../../test/ws-client.ts';
import { endSocketsOnCommit } from '../events/service.ts';
import { inWorkspace } from '../platform/context.ts';
import { userHashOf } from '../widget/service.ts';
import { registerSocket } from './open-sockets.ts';

// REST checks rights on every request; a socket checks them once, when it opens. Every change that
// takes rights away (a member removed or given another role, a session signed out or revoked, a widget
// reset, a token revoked, an inbox deleted) must close the sockets it concerns at once, on every server.
const REDIS = process.env.TEST_REDIS_URL;

/** Where changes are made (REST), and where the sockets listen: the same server, or another one. */
type TServers = { writer: TestApp; socketUrl: () => Promise<string> };

const CLOSE_ACCESS_ENDED = 4001;
const CLOSE_RIGHTS_CHANGED = 4010;

async function liveSocket(url: string, opts: { cookie?: string; bearer?: string } = {}) {
  const socket = await connectSocket(url, opts);
  socket.send({ type: 'resume', lastSeq: null });
  await socket.waitFor((f) => f.type === 'ready');
  return socket;
}

/** The code the server closed the socket with, or 'still open' after a few seconds. */
async function closeCode(socket: Awaited<ReturnType<typeof connectSocket>>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still open'>((resolve) => {
    timer = setTimeout(() => resolve('still open'), 5_000);
  });
  const result = await Promise.race([socket.whenClosed.then((c) => c.code), timeout]);
  clearTimeout(timer);
  return result;
}

/**
 * A socket that stays open receives a note written after a revocation, which its closing would have
 * come before: then it is known to be open still, without waiting for a close that never comes.
 */
async function expectStillOpen(
  socket: Awaited<ReturnType<typeof connectSocket>>,
  writeNote: (text: string) => Promise<unknown>,
) {
  const text = 'Written after the revocation';
  await writeNote(text);
  await socket.waitFor((f) => f.type === 'message.created' && f.data?.text === text);
  expect(socket.closed()).toBeNull();
}

function scenarios(servers: () => TServers) {
  async function conversationWithVisitor(writer: TestApp) {
    const ws = await buildWorkspace(writer);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(writer, inbox.widgetKey);
    const created = await visitor.api('POST', '/conversations', { text: 'Hello there' });
    expect(created.statusCode).toBe(201);
    return { ws, inbox, visitor, conversationId: created.json().conversation.id as string };
  }

  it('closes the socket of a member removed from the workspace, who then receives no notes', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const agent = await buildMember(writer, ws.workspaceId, 'agent', 'Rita Removed');
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { cookie: agent.cookie });

    const note = (text: string) =>
      ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text, isPrivate: true });
    expect((await note('Before the removal')).statusCode).toBe(201);
    await socket.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Before the removal');

    expect((await ws.api('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect(await closeCode(socket)).toBe(CLOSE_RIGHTS_CHANGED);
    // The socket is closed: nothing written from now on can reach it.
    expect((await note('After the removal')).statusCode).toBe(201);
    expect(socket.frames.some((f) => f.data?.text === 'After the removal')).toBe(false);
    // REST agrees: the session no longer reaches the workspace.
    expect((await agent.api('GET', `/api/v1/conversations/${conversationId}`)).statusCode).toBe(403);
  });

  it('closes the socket of a member whose role changed, and the reconnected socket is live again', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const admin = await buildMember(writer, ws.workspaceId, 'admin', 'Dora Demoted');
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { cookie: admin.cookie });

    const demoted = await ws.api('PATCH', `/api/v1/members/${admin.membershipId}`, { role: 'agent' });
    expect(demoted.statusCode).toBe(200);
    expect(await closeCode(socket)).toBe(CLOSE_RIGHTS_CHANGED);

    // Reconnecting takes the session's new role; the socket is live again.
    const again = await liveSocket(`${await socketUrl()}/api/v1/ws`, { cookie: admin.cookie });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Still on the team' });
    await again.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Still on the team');
    expect(again.closed()).toBeNull();
    again.close();
  });

  it('leaves the socket open when a change of role is refused', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const admin = await buildMember(writer, ws.workspaceId, 'admin', 'Ada Admin');
    const owner = await buildMember(writer, ws.workspaceId, 'owner', 'Otto Owner');
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { cookie: owner.cookie });

    // An admin may not touch an owner: refused, nothing changes, the owner's socket stays.
    const refused = await admin.api('PATCH', `/api/v1/members/${owner.membershipId}`, { role: 'agent' });
    expect(refused.statusCode).toBe(403);
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Nothing changed' });
    await socket.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Nothing changed');
    expect(socket.closed()).toBeNull();

    // The first owner makes the same change: it commits, and the socket closes.
    expect(
      (await ws.api('PATCH', `/api/v1/members/${owner.membershipId}`, { role: 'agent' })).statusCode,
    ).toBe(200);
    expect(await closeCode(socket)).toBe(CLOSE_RIGHTS_CHANGED);
  });

  it("closes a session's sockets when it signs out, and only that session's", async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const agent = await buildMember(writer, ws.workspaceId, 'agent', 'Sam Signout');
    const otherTab = await signIn(writer, agent.email);
    const url = `${await socketUrl()}/api/v1/ws`;
    const leaving = await liveSocket(url, { cookie: agent.cookie });
    const staying = await liveSocket(url, { cookie: otherTab.cookie });

    expect((await agent.api('POST', '/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect(await closeCode(leaving)).toBe(CLOSE_ACCESS_ENDED);
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Private after sign-out',
      isPrivate: true,
    });
    await staying.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Private after sign-out');
    expect(leaving.frames.some((f) => f.data?.text === 'Private after sign-out')).toBe(false);
    expect(staying.closed()).toBeNull();
    staying.close();
  });

  it('closes the sockets of the sessions a password change signs out', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const agent = await buildMember(writer, ws.workspaceId, 'agent', 'Pat Password');
    const stolen = await signIn(writer, agent.email);
    const url = `${await socketUrl()}/api/v1/ws`;
    const mine = await liveSocket(url, { cookie: agent.cookie });
    const theirs = await liveSocket(url, { cookie: stolen.cookie });

    const changed = await agent.api('POST', '/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect(await closeCode(theirs)).toBe(CLOSE_ACCESS_ENDED);
    await expectStillOpen(mine, (text) =>
      ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text, isPrivate: true }),
    );
    mine.close();
  });

  it('closes the socket of a session revoked from the sessions list', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const agent = await buildMember(writer, ws.workspaceId, 'agent', 'Lee Laptop');
    const forgotten = await signIn(writer, agent.email);
    const url = `${await socketUrl()}/api/v1/ws`;
    const mine = await liveSocket(url, { cookie: agent.cookie });
    const theirs = await liveSocket(url, { cookie: forgotten.cookie });
    const listed = await apiAs(writer.app, forgotten)('GET', '/api/v1/me/sessions');
    const forgottenId = listed.json().items.find((s: { isCurrent: boolean }) => s.isCurrent).id;

    expect((await agent.api('DELETE', `/api/v1/me/sessions/${forgottenId}`)).statusCode).toBe(204);
    expect(await closeCode(theirs)).toBe(CLOSE_ACCESS_ENDED);
    await expectStillOpen(mine, (text) =>
      ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text, isPrivate: true }),
    );
    mine.close();
  });

  it('closes the visitor socket when the widget resets, before the next reply', async () => {
    const { writer, socketUrl } = servers();
    const { ws, visitor, conversationId } = await conversationWithVisitor(writer);
    const socket = await liveSocket(`${await socketUrl()}/api/widget/v1/ws?token=${visitor.token}`);

    expect((await visitor.api('POST', '/reset')).statusCode).toBe(204);
    expect(await closeCode(socket)).toBe(CLOSE_ACCESS_ENDED);
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'For the next person?',
    });
    // The socket is closed: nothing written from now on can reach it.
    expect(socket.frames.some((f) => f.data?.text === 'For the next person?')).toBe(false);
  });

  it('closes the socket of a revoked API token', async () => {
    const { writer, socketUrl } = servers();
    const { ws } = await conversationWithVisitor(writer);
    const created = await ws.api('POST', '/api/v1/api-tokens', { name: 'Sync', role: 'agent' });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json() as { token: string; apiToken: { id: string } };
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { bearer: token });

    expect((await ws.api('DELETE', `/api/v1/api-tokens/${apiToken.id}`)).statusCode).toBe(204);
    expect(await closeCode(socket)).toBe(CLOSE_ACCESS_ENDED);
  });

  it("closes an API token's socket when its creator leaves the workspace", async () => {
    const { writer, socketUrl } = servers();
    const { ws } = await conversationWithVisitor(writer);
    const admin = await buildMember(writer, ws.workspaceId, 'admin', 'Tom Tokenmaker');
    const created = await admin.api('POST', '/api/v1/api-tokens', { name: 'Script', role: 'admin' });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: string };
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { bearer: token });

    expect((await ws.api('DELETE', `/api/v1/members/${admin.membershipId}`)).statusCode).toBe(204);
    expect(await closeCode(socket)).not.toBe('still open');
    // Reconnecting is refused: the token died with its creator's membership.
    expect((await apiAs(writer.app, { token })('GET', '/api/v1/conversations')).statusCode).toBe(401);
  });

  it('closes the socket of a browser that proves it is a known user, and reconnected it follows that user', async () => {
    const { writer, socketUrl } = servers();
    const ws = await buildWorkspace(writer);
    const inbox = await buildInbox(ws);
    const hash = userHashOf(inbox.identitySecret, 'user-7');
    // The user's first browser: their contact and a conversation.
    const laptop = await bootVisitor(writer, inbox.widgetKey);
    expect((await laptop.api('POST', '/identify', { userId: 'user-7', userHash: hash })).statusCode).toBe(
      200,
    );
    const conversationId = (await laptop.api('POST', '/conversations', { text: 'From the laptop' })).json()
      .conversation.id as string;
    // A second browser, anonymous, with its socket open (another tab may hold it).
    const phone = await bootVisitor(writer, inbox.widgetKey);
    const url = `${await socketUrl()}/api/widget/v1/ws?token=${phone.token}`;
    const socket = await liveSocket(url);

    expect((await phone.api('POST', '/identify', { userId: 'user-7', userHash: hash })).statusCode).toBe(200);
    expect(await closeCode(socket)).toBe(CLOSE_RIGHTS_CHANGED);
    const again = await liveSocket(url);
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Reaches both browsers',
    });
    await again.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Reaches both browsers');
    again.close();
  });

  it("closes the visitors' sockets of a deleted inbox", async () => {
    const { writer, socketUrl } = servers();
    const { ws, inbox, visitor } = await conversationWithVisitor(writer);
    const socket = await liveSocket(`${await socketUrl()}/api/widget/v1/ws?token=${visitor.token}`);

    expect((await ws.api('DELETE', `/api/v1/inboxes/${inbox.id}`)).statusCode).toBe(204);
    expect(await closeCode(socket)).toBe(CLOSE_ACCESS_ENDED);
  });

  it('ends no socket when the change rolls back, and ends them when it commits', async () => {
    const { writer, socketUrl } = servers();
    const { ws, conversationId } = await conversationWithVisitor(writer);
    const agent = await buildMember(writer, ws.workspaceId, 'agent', 'Tom Transaction');
    const socket = await liveSocket(`${await socketUrl()}/api/v1/ws`, { cookie: agent.cookie });
    const scope = { platform: writer.platform, workspaceId: ws.workspaceId };
    const revocation = {
      holders: [{ kind: 'member' as const, workspaceId: ws.workspaceId, userId: agent.userId }],
      reason: 'rights_changed' as const,
    };

    await expect(
      inWorkspace(scope, async (tx) => {
        endSocketsOnCommit(tx, revocation);
        throw new Error('the change fails after asking');
      }),
    ).rejects.toThrow('the change fails after asking');
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Rolled back' });
    await socket.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Rolled back');
    expect(socket.closed()).toBeNull();

    await inWorkspace(scope, async (tx) => endSocketsOnCommit(tx, revocation));
    expect(await closeCode(socket)).toBe(CLOSE_RIGHTS_CHANGED);
  });
}

describe('on one server (no Redis)', () => {
  let solo: TestApp;
  beforeAll(async () => {
    solo = await startTestApp();
  });
  afterAll(async () => {
    await solo?.close();
  });

  scenarios(() => ({ writer: solo, socketUrl: async () => (await listen(solo)).ws }));

  it('ends a socket whose session was revoked while it was connecting', async () => {
    const ended: string[] = [];
    const holders = [{ kind: 'session' as const, sessionId: 'ses_connecting' }];
    const readAt = Date.now();
    await solo.platform.hub.revoke({ holders, reason: 'access_ended' });
    // Credentials read before the revocation: the socket ends as it registers.
    registerSocket(solo.platform, holders, readAt, (reason) => ended.push(reason))();
    // Read after it (a new session would have another id, but a socket opened later is not touched).
    registerSocket(solo.platform, holders, Date.now() + 1, (reason) => ended.push(`late ${reason}`))();
    expect(ended).toEqual(['access_ended']);
  });
});

describe.skipIf(!REDIS)('across two servers on one Redis', () => {
  let one: TestApp;
  let two: TSecondServer;
  let urlOfTwo: string | undefined;

  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL: REDIS! });
    two = await startSecondServer(one);
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  // Changes go through server one; the sockets are on server two.
  scenarios(() => ({
    writer: one,
    socketUrl: async () => {
      urlOfTwo ??= (await two.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
      return urlOfTwo;
    },
  }));

  it('closes the member socket on both servers at once', async () => {
    const ws = await buildWorkspace(one);
    const agent = await buildMember(one, ws.workspaceId, 'agent', 'Bea Both');
    urlOfTwo ??= (await two.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const onOne = await liveSocket(`${(await listen(one)).ws}/api/v1/ws`, { cookie: agent.cookie });
    const onTwo = await liveSocket(`${urlOfTwo}/api/v1/ws`, { cookie: agent.cookie });
    // The change is made through server two this time.
    const owner = apiAs(two.app, ws.owner);
    expect((await owner('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect(await closeCode(onOne)).toBe(CLOSE_RIGHTS_CHANGED);
    expect(await closeCode(onTwo)).toBe(CLOSE_RIGHTS_CHANGED);
  });
});
