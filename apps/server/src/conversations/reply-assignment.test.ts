import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import { apiAs, startTestApp, type TestApp, type TSession } from '../../test/harness.ts';

// A reply makes the replying agent the assignee of an unassigned conversation, on every path a reply
// takes: the group commit (plain replies) and the single write (replies with attachments).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadAs(session: TSession, filename: string, bytes: Buffer) {
  const boundary = '----parleytest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function unassignedConversation() {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const started = await visitor.api('POST', '/conversations', { text: 'Hello, is anyone there?' });
  expect(started.statusCode).toBe(201);
  const conversationId = started.json().conversation.id as string;
  const agent = await buildMember(t, ws.workspaceId, 'agent', 'Alex Agent');
  return { ws, agent, conversationId };
}

async function assigneeOf(ws: { api: ReturnType<typeof apiAs> }, conversationId: string) {
  const conversation = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
  return conversation.assignee?.id ?? null;
}

describe('assignment by replying', () => {
  it('makes the agent who replies to an unassigned conversation its assignee (group commit)', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    const reply = await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Hi! Let me look into it.',
    });
    expect(reply.statusCode).toBe(201);
    expect(await assigneeOf(ws, conversationId)).toBe(agent.userId);
  });

  it('gives the conversation to the first of two agents whose replies are written in one batch', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    const other = await buildMember(t, ws.workspaceId, 'agent', 'Bo Agent');
    const replies = await Promise.all([
      agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'First' }),
      other.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Second' }),
    ]);
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201]);
    const history = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    const firstReply = history.find((m: { kind: string }) => m.kind === 'outgoing');
    expect(await assigneeOf(ws, conversationId)).toBe(firstReply.sender.id);
  });

  it('makes the agent who replies with an attachment the assignee (single write)', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    const attachmentId = await uploadAs(agent, 'receipt.png', PNG);
    const reply = await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Here is your receipt',
      attachmentIds: [attachmentId],
    });
    expect(reply.statusCode).toBe(201);
    expect(await assigneeOf(ws, conversationId)).toBe(agent.userId);
  });

  it('keeps the assignee of an assigned conversation when someone else replies', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: ws.owner.userId });
    await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Chiming in' });
    const attachmentId = await uploadAs(agent, 'receipt.png', PNG);
    await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'And a file',
      attachmentIds: [attachmentId],
    });
    expect(await assigneeOf(ws, conversationId)).toBe(ws.owner.userId);
  });

  it('never assigns on a private note', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    const note = await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Looks like a refund case',
      isPrivate: true,
    });
    expect(note.statusCode).toBe(201);
    const mention = await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Can you take this?',
      isPrivate: true,
      mentions: [ws.owner.userId],
    });
    expect(mention.statusCode).toBe(201);
    expect(await assigneeOf(ws, conversationId)).toBeNull();
  });

  it('leaves the conversation unassigned when an API token replies', async () => {
    const { ws, conversationId } = await unassignedConversation();
    const { token } = (await ws.api('POST', '/api/v1/api-tokens', { name: 'Bot', role: 'agent' })).json();
    const reply = await apiAs(t.app, { token })('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Automatic answer',
    });
    expect(reply.statusCode).toBe(201);
    expect(await assigneeOf(ws, conversationId)).toBeNull();
  });

  it('does not assign on any path when the workspace turned reply assignment off', async () => {
    const { ws, agent, conversationId } = await unassignedConversation();
    const off = await ws.api('PATCH', '/api/v1/workspace', { autoAssignOnReply: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().autoAssignOnReply).toBe(false);
    await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Plain reply' });
    expect(await assigneeOf(ws, conversationId)).toBeNull();
    const attachmentId = await uploadAs(agent, 'receipt.png', PNG);
    await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Reply with a file',
      attachmentIds: [attachmentId],
    });
    expect(await assigneeOf(ws, conversationId)).toBeNull();

    // Turned on again, the next reply assigns at once.
    await ws.api('PATCH', '/api/v1/workspace', { autoAssignOnReply: true });
    await agent.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Again' });
    expect(await assigneeOf(ws, conversationId)).toBe(agent.userId);
  });
});
