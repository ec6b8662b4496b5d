// The shapes in packages/shared are the API's contract with the dashboard and the widget: what the
// server answers on the main routes and sends over both sockets parses with them, field for field
// (none missing, none left over).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ZAttachment } from '../../../packages/shared/src/api/attachments.ts';
import { ZCannedResponse } from '../../../packages/shared/src/api/canned-responses.ts';
import {
  ZContact,
  ZContactDetails,
  ZContactNote,
  ZContactNotes,
  ZContactsImportPreview,
  ZContactsImportResult,
  ZVisitorContact,
} from '../../../packages/shared/src/api/contacts.ts';
import { ZConversation, ZConversationCounts } from '../../../packages/shared/src/api/conversations.ts';
import { ZError } from '../../../packages/shared/src/api/errors.ts';
import { ZInbox } from '../../../packages/shared/src/api/inboxes.ts';
import { ZLabel } from '../../../packages/shared/src/api/labels.ts';
import { ZSessionView, ZSignedInSession, ZUser } from '../../../packages/shared/src/api/me.ts';
import { ZInvitation, ZMember } from '../../../packages/shared/src/api/members.ts';
import { ZMessage, ZMessagesPage, ZVisitorMessage } from '../../../packages/shared/src/api/messages.ts';
import { ZNotificationsPage } from '../../../packages/shared/src/api/notifications.ts';
import { page } from '../../../packages/shared/src/api/pages.ts';
import { ZTeam } from '../../../packages/shared/src/api/teams.ts';
import {
  ZBootResponse,
  ZIdentifyResponse,
  ZStartedConversation,
  ZVisitorConversationPage,
  ZVisitorMessagesPage,
} from '../../../packages/shared/src/api/widget.ts';
import { ZWorkspaceSettings } from '../../../packages/shared/src/api/workspace.ts';
import { ZAgentServerFrame, ZVisitorServerFrame } from '../../../packages/shared/src/realtime.ts';
import { userHashOf } from '../src/widget/service.ts';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from './factories.ts';
import { listen, startTestApp, type TestApp } from './harness.ts';
import { ownerHeaders, uploadFile } from './multipart.ts';
import { connectSocket, type TFrame } from './ws-client.ts';

let t: TestApp;
let base: { http: string; ws: string };
beforeAll(async () => {
  t = await startTestApp();
  base = await listen(t);
});
afterAll(async () => {
  await t?.close();
});

/** Parsing keeps only the fields the schema names, so an equal result means the shapes match exactly. */
function expectShape(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(value);
}

function answer(res: { statusCode: number; json: () => unknown }, status = 200) {
  expect(res.statusCode).toBe(status);
  return res.json();
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function upload(ws: Awaited<ReturnType<typeof buildWorkspace>>, url: string, bytes: Buffer) {
  return uploadFile(t.app, url, ownerHeaders(ws), {
    filename: 'contacts.csv',
    bytes,
    contentType: 'text/csv',
  });
}

function visitorUpload(token: string, filename: string, bytes: Buffer) {
  return uploadFile(
    t.app,
    '/api/widget/v1/attachments',
    { 'x-parley-visitor': token },
    {
      filename,
      bytes,
      contentType: 'image/png',
    },
  );
}

async function socketOf(url: string, cookie?: string) {
  const socket = await connectSocket(url, cookie ? { cookie } : {});
  socket.send({ type: 'resume', lastSeq: null });
  await socket.waitFor((f) => f.type === 'ready');
  return socket;
}

describe('the API contract in packages/shared', () => {
  it('matches what the agents API answers', async () => {
    const ws = await buildWorkspace(t);
    const teammate = await buildMember(t, ws.workspaceId, 'agent', 'Ada Agent');
    const inbox = await buildInbox(ws);
    expectShape(ZInbox, answer(await ws.api('GET', `/api/v1/inboxes/${inbox.id}`)));
    expectShape(
      ZInbox.array(),
      (answer(await teammate.api('GET', '/api/v1/inboxes')) as { items: unknown[] }).items,
    );

    const visitor = await bootVisitor(t, inbox.widgetKey);
    const started = answer(await visitor.api('POST', '/conversations', { text: 'Hello there' }), 201);
    const conversationId = (started as { conversation: { id: string } }).conversation.id;
    const label = answer(await ws.api('POST', '/api/v1/labels', { name: 'Billing', color: '#4F46E5' }), 201);
    expectShape(ZLabel, label);
    answer(
      await ws.api('PUT', `/api/v1/conversations/${conversationId}/labels/${(label as { id: string }).id}`),
    );
    await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: teammate.userId });
    const reply = answer(
      await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
        text: 'Hi, how can I help?',
      }),
      201,
    );
    expectShape(ZMessage, reply);
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: '@Ada have a look',
      isPrivate: true,
      mentions: [teammate.userId],
    });

    expectShape(ZConversation, answer(await ws.api('GET', `/api/v1/conversations/${conversationId}`)));
    const list = answer(await ws.api('GET', '/api/v1/conversations'));
    expectShape(page(ZConversation), list);
    // The last message is checked too: a conversation's view carries it whole.
    expect((list as { items: unknown[] }).items[0]).toMatchObject({ lastMessage: { kind: 'outgoing' } });
    expectShape(
      ZMessagesPage,
      answer(await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)),
    );
    expectShape(ZConversationCounts, answer(await ws.api('GET', '/api/v1/conversations/counts')));

    const edited = await ws.api('PATCH', `/api/v1/contacts/${visitor.contactId}`, {
      name: 'Grace',
      attributes: { plan: 'pro', seats: 3, trial: false },
    });
    expectShape(ZContact, answer(edited));
    expectShape(page(ZContact), answer(await ws.api('GET', '/api/v1/contacts')));
    expectShape(ZContactDetails, answer(await ws.api('GET', `/api/v1/contacts/${visitor.contactId}`)));
    expectShape(
      ZContactNote,
      answer(await ws.api('POST', `/api/v1/contacts/${visitor.contactId}/notes`, { text: 'VIP' }), 201),
    );
    expectShape(ZContactNotes, answer(await ws.api('GET', `/api/v1/contacts/${visitor.contactId}/notes`)));
    const duplicate = await bootVisitor(t, inbox.widgetKey);
    const merged = await ws.api('POST', `/api/v1/contacts/${visitor.contactId}/merge`, {
      duplicateId: duplicate.contactId,
    });
    expectShape(ZContact, answer(merged));
    const csv = Buffer.from('name,email,plan\nLin,lin@example.com,pro\nBad,not-an-email,free\n');
    expectShape(ZContactsImportPreview, answer(await upload(ws, '/api/v1/contacts/import/preview', csv)));
    expectShape(ZContactsImportResult, answer(await upload(ws, '/api/v1/contacts/import', csv)));

    expectShape(ZNotificationsPage, answer(await teammate.api('GET', '/api/v1/notifications')));
    const team = await ws.api('POST', '/api/v1/teams', { name: 'Support' });
    expectShape(ZTeam, answer(team, 201));
    expectShape(
      ZCannedResponse,
      answer(await ws.api('POST', '/api/v1/canned-responses', { shortcut: 'hi', content: 'Hello!' }), 201),
    );
    expectShape(page(ZMember), answer(await ws.api('GET', '/api/v1/members')));
    expectShape(
      ZInvitation,
      answer(await ws.api('POST', '/api/v1/invitations', { email: 'new@example.com', role: 'agent' }), 201),
    );
    expectShape(ZWorkspaceSettings, answer(await ws.api('GET', '/api/v1/workspace')));
    expectShape(ZUser, answer(await ws.api('GET', '/api/v1/me')));
    expectShape(ZSessionView, answer(await ws.api('GET', '/api/v1/auth/session')));
    expectShape(page(ZSignedInSession), answer(await ws.api('GET', '/api/v1/me/sessions')));
    expectShape(ZError, answer(await ws.api('GET', '/api/v1/conversations/conv_missing'), 404));
  });

  it('matches what the visitor API answers', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const booted = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/' } },
    });
    expectShape(ZBootResponse, answer(booted));
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const started = answer(await visitor.api('POST', '/conversations', { text: 'Hello' }), 201);
    expectShape(ZStartedConversation, started);
    const conversationId = (started as { conversation: { id: string } }).conversation.id;
    const attachment = answer(await visitorUpload(visitor.token, 'dot.png', PNG), 201);
    expectShape(ZAttachment, attachment);
    const sent = await visitor.api('POST', `/conversations/${conversationId}/messages`, {
      text: 'A picture',
      attachmentIds: [(attachment as { id: string }).id],
    });
    expectShape(ZVisitorMessage, answer(sent, 201));
    expectShape(ZVisitorContact, answer(await visitor.api('PATCH', '/contact', { name: 'Grace' })));
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Welcome!' });
    expectShape(ZVisitorConversationPage, answer(await visitor.api('GET', '/conversations')));
    expectShape(
      ZVisitorMessagesPage,
      answer(await visitor.api('GET', `/conversations/${conversationId}/messages`)),
    );
    const identified = await visitor.api('POST', '/identify', {
      userId: 'user-42',
      userHash: userHashOf(inbox.identitySecret, 'user-42'),
    });
    expectShape(ZIdentifyResponse, answer(identified));
  });

  it('matches every frame both sockets receive', async () => {
    const ws = await buildWorkspace(t);
    const teammate = await buildMember(t, ws.workspaceId, 'agent', 'Ada Agent');
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const agentSocket = await socketOf(`${base.ws}/api/v1/ws`, teammate.cookie);
    const visitorSocket = await socketOf(`${base.ws}/api/widget/v1/ws?token=${visitor.token}`);
    const ownerSocket = await socketOf(`${base.ws}/api/v1/ws`, ws.owner.cookie);

    const started = answer(await visitor.api('POST', '/conversations', { text: 'Hello' }), 201);
    const conversationId = (started as { conversation: { id: string } }).conversation.id;
    await visitor.api('POST', `/conversations/${conversationId}/typing`, { isTyping: true });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/typing`, { isTyping: true });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Welcome!' });
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: '@Ada look',
      isPrivate: true,
      mentions: [teammate.userId],
    });
    ownerSocket.send({ type: 'presence', status: 'away' });
    agentSocket.send({ type: 'ping' });
    agentSocket.send({ type: 'shout' });
    visitorSocket.send({ type: 'ping' });

    const seen = (frames: TFrame[], type: string) => frames.some((f) => f.type === type);
    await agentSocket.waitFor((f) => f.type === 'notification.created');
    await agentSocket.waitFor((f) => f.type === 'message.updated');
    await agentSocket.waitFor((f) => f.type === 'presence' && f.data?.status === 'away');
    await agentSocket.waitFor((f) => f.type === 'error');
    await visitorSocket.waitFor((f) => f.type === 'message.created' && f.data?.text === 'Welcome!');
    await visitorSocket.waitFor((f) => f.type === 'typing');
    await visitorSocket.waitFor((f) => f.type === 'pong');
    for (const type of ['ready', 'conversation.created', 'message.created', 'typing', 'pong']) {
      expect(seen(agentSocket.frames, type), type).toBe(true);
    }
    for (const frame of agentSocket.frames) {
      expectShape(ZAgentServerFrame, frame);
    }
    for (const frame of visitorSocket.frames) {
      expectShape(ZVisitorServerFrame, frame);
    }
    agentSocket.close();
    visitorSocket.close();
    ownerSocket.close();
  });
});
