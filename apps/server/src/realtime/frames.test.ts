import { describe, expect, it } from 'vitest';
import type { TConversationView, TMessageView } from '../conversations/presenter.ts';
import type { TOpened } from '../events/feed.ts';
import type { TStoredEvent } from '../platform/realtime.ts';
import { deliveredBy, frameFor, type TViewer } from './frames.ts';

const agent: TViewer = { kind: 'agent', userId: 'usr_olivia' };
const teammate: TViewer = { kind: 'agent', userId: 'usr_tom' };
const apiToken: TViewer = { kind: 'agent', userId: null };
const visitor: TViewer = { kind: 'visitor', contactId: 'ctc_ada' };
const sameContactOtherTab: TViewer = { kind: 'visitor', contactId: 'ctc_ada' };
const otherVisitor: TViewer = { kind: 'visitor', contactId: 'ctc_bob' };

let nextSeq = 1;
function event(type: string, over: Partial<TStoredEvent> = {}): TStoredEvent {
  return {
    workspaceId: 'ws_acme',
    seq: nextSeq++,
    type,
    conversationId: 'conv_1',
    contactId: 'ctc_ada',
    forAgents: true,
    payloadSealed: 'sealed',
    ...over,
  };
}

const opened = (data: unknown): TOpened => ({ data, json: JSON.stringify(data) });

function message(over: Partial<TMessageView> = {}): TMessageView {
  return {
    id: 'msg_1',
    conversationId: 'conv_1',
    kind: 'outgoing',
    text: 'Yes, here to help!',
    sender: { type: 'user', id: 'usr_olivia', name: 'Olivia Owner', avatarUrl: null },
    status: 'sent',
    statusReason: null,
    attachments: [],
    language: 'en',
    createdAt: '2026-12-04T12:00:00.000Z',
    ...over,
  };
}

function conversation(over: Partial<TConversationView> = {}): TConversationView {
  return {
    id: 'conv_1',
    inboxId: 'inb_1',
    contact: { id: 'ctc_ada', name: 'Ada', email: 'ada@example.com', phone: null, avatarUrl: null },
    status: 'open',
    snoozedUntil: null,
    priority: 'none',
    assignee: { id: 'usr_olivia', name: 'Olivia Owner', avatarUrl: null },
    teamId: null,
    labels: [{ id: 'lbl_1', name: 'vip', color: '#f00' }],
    unreadByAgents: 3,
    unreadByContact: 2,
    firstReplyAt: null,
    lastActivityAt: '2026-12-04T12:00:00.000Z',
    lastMessage: null,
    sourcePage: 'https://shop.example/',
    createdAt: '2026-12-04T11:00:00.000Z',
    ...over,
  };
}

/** The frame as the client parses it (null: no frame). */
function received(viewer: TViewer, e: TStoredEvent, open: TOpened) {
  const frame = frameFor(viewer, e, open);
  return frame === null ? null : (JSON.parse(frame.toString('utf8')) as Record<string, unknown>);
}

describe('the frame a socket receives of an event', () => {
  it("gives agents the payload's JSON text as it was written, with the sequence number", () => {
    const data = message({ kind: 'incoming' });
    // Spaced unlike JSON.stringify: the text is embedded, never serialised again.
    const json = JSON.stringify(data, null, 1);
    const e = event('message.created', { seq: 41 });
    expect(frameFor(agent, e, { data, json })?.toString('utf8')).toBe(
      `{"type":"message.created","seq":41,"data":${json}}`,
    );
  });

  it('leaves the sequence number out of ephemeral events (typing, presence)', () => {
    const typing = {
      conversationId: 'conv_1',
      isTyping: true,
      sender: { type: 'user', id: 'usr_tom', name: 'Tom' },
    };
    expect(received(agent, event('typing', { seq: null }), opened(typing))).toEqual({
      type: 'typing',
      data: typing,
    });
    expect(received(visitor, event('typing', { seq: null }), opened(typing))).toEqual({
      type: 'typing',
      data: typing,
    });
    const presence = { userId: 'usr_tom', status: 'away' };
    expect(received(agent, event('presence', { seq: null, contactId: null }), opened(presence))).toEqual({
      type: 'presence',
      data: presence,
    });
  });

  it('builds one frame per event and audience: every socket of the audience gets the same bytes', () => {
    const e = event('message.created');
    const open = opened(message());
    const forAgents = frameFor(agent, e, open);
    expect(forAgents).not.toBeNull();
    expect(frameFor(teammate, e, open)).toBe(forAgents);
    expect(frameFor(apiToken, e, open)).toBe(forAgents);
    const forVisitors = frameFor(visitor, e, open);
    expect(forVisitors).not.toBeNull();
    expect(frameFor(sameContactOtherTab, e, open)).toBe(forVisitors);
    expect(forVisitors).not.toBe(forAgents);
  });

  it('keeps from agents an event meant for the visitors of its contact only', () => {
    // A visitor's message being delivered: news for the visitor, not for the team.
    const e = event('message.updated', { forAgents: false });
    const open = opened(
      message({
        kind: 'incoming',
        status: 'delivered',
        sender: { type: 'contact', id: 'ctc_ada', name: 'Ada', avatarUrl: null },
      }),
    );
    expect(frameFor(agent, e, open)).toBeNull();
    expect(frameFor(apiToken, e, open)).toBeNull();
    expect(received(visitor, e, open)).toMatchObject({
      type: 'message.updated',
      data: { status: 'delivered' },
    });
  });

  it("sends a notification to its recipient's sockets only", () => {
    const e = event('notification.created', { contactId: null });
    const open = opened({ id: 'ntf_1', userId: 'usr_olivia', kind: 'mention', conversationId: 'conv_1' });
    expect(received(agent, e, open)).toMatchObject({ type: 'notification.created', data: { id: 'ntf_1' } });
    expect(frameFor(teammate, e, open)).toBeNull();
    expect(frameFor(apiToken, e, open)).toBeNull();
    expect(frameFor(visitor, e, open)).toBeNull();
  });

  it("never shows a visitor another contact's events, nor events of no contact", () => {
    const open = opened(message());
    expect(frameFor(otherVisitor, event('message.created'), open)).toBeNull();
    expect(frameFor(visitor, event('message.created', { contactId: null }), open)).toBeNull();
    expect(frameFor(visitor, event('message.created', { contactId: 'ctc_bob' }), open)).toBeNull();
    expect(frameFor(otherVisitor, event('message.created', { contactId: 'ctc_bob' }), open)).not.toBeNull();
  });

  it('never shows a visitor a note or an activity line, created or updated', () => {
    for (const kind of ['note', 'activity'] as const) {
      for (const type of ['message.created', 'message.updated']) {
        const open = opened(message({ kind, text: `Internal ${kind}` }));
        expect(frameFor(visitor, event(type), open)).toBeNull();
        expect(received(agent, event(type), open)).toMatchObject({
          data: { kind, text: `Internal ${kind}` },
        });
      }
    }
  });

  it('shows a visitor its messages without what only agents see (ids of people, language)', () => {
    const reply = message({
      attachments: [
        {
          id: 'att_1',
          filename: 'a.png',
          contentType: 'image/png',
          size: 10,
          isImage: true,
          url: '/api/files/att_1',
        },
      ],
    });
    for (const type of ['message.created', 'message.updated']) {
      expect(received(visitor, event(type, { seq: 9 }), opened(reply))).toEqual({
        type,
        seq: 9,
        data: {
          id: 'msg_1',
          conversationId: 'conv_1',
          kind: 'outgoing',
          text: 'Yes, here to help!',
          sender: { type: 'user', name: 'Olivia Owner', avatarUrl: null },
          status: 'sent',
          attachments: reply.attachments,
          createdAt: '2026-12-04T12:00:00.000Z',
        },
      });
    }
    const own = message({
      kind: 'incoming',
      sender: { type: 'contact', id: 'ctc_ada', name: 'Ada', avatarUrl: null },
    });
    expect(received(visitor, event('message.created'), opened(own))).toMatchObject({
      data: { kind: 'incoming', sender: { type: 'contact', name: 'Ada', avatarUrl: null } },
    });
  });

  it('shows a visitor its conversation with its own unread count, and never a note as its last message', () => {
    for (const type of ['conversation.created', 'conversation.updated']) {
      const withNote = conversation({ lastMessage: message({ kind: 'note', text: 'Internal' }) });
      expect(received(visitor, event(type, { seq: 3 }), opened(withNote))).toEqual({
        type,
        seq: 3,
        data: {
          id: 'conv_1',
          status: 'open',
          unread: 2,
          lastActivityAt: '2026-12-04T12:00:00.000Z',
          lastMessage: null,
        },
      });
    }
    const withReply = conversation({ status: 'resolved', lastMessage: message() });
    expect(received(visitor, event('conversation.updated'), opened(withReply))).toMatchObject({
      data: { status: 'resolved', lastMessage: { id: 'msg_1', text: 'Yes, here to help!' } },
    });
    expect(JSON.stringify(received(visitor, event('conversation.updated'), opened(withReply)))).not.toMatch(
      /unreadByAgents|labels|assignee|language/,
    );
    expect(received(agent, event('conversation.updated'), opened(withReply))).toMatchObject({
      data: { unreadByAgents: 3, labels: [{ name: 'vip' }] },
    });
  });

  it("tells a visitor that an agent is typing, never the visitor's own typing", () => {
    const byAgent = {
      conversationId: 'conv_1',
      isTyping: true,
      isPrivate: false,
      sender: { type: 'user', id: 'usr_olivia', name: 'Olivia' },
    };
    const byContact = {
      conversationId: 'conv_1',
      isTyping: true,
      sender: { type: 'contact', id: 'ctc_ada', name: 'Ada' },
    };
    expect(received(visitor, event('typing', { seq: null }), opened(byAgent))).toMatchObject({
      data: byAgent,
    });
    expect(frameFor(visitor, event('typing', { seq: null }), opened(byContact))).toBeNull();
    // Typing a private note is published without a contact: no visitor takes it, every agent does.
    const onNote = { ...byAgent, isPrivate: true };
    expect(frameFor(visitor, event('typing', { seq: null, contactId: null }), opened(onNote))).toBeNull();
    expect(received(teammate, event('typing', { seq: null, contactId: null }), opened(onNote))).toMatchObject(
      {
        data: { isPrivate: true },
      },
    );
    expect(received(agent, event('typing', { seq: null, contactId: null }), opened(byContact))).toMatchObject(
      {
        data: { sender: { type: 'contact' } },
      },
    );
  });

  it('gives a visitor nothing of event types it does not show (presence, notifications)', () => {
    expect(
      frameFor(visitor, event('presence', { seq: null }), opened({ userId: 'usr_tom', status: 'online' })),
    ).toBeNull();
    expect(frameFor(visitor, event('notification.created'), opened({ userId: 'usr_olivia' }))).toBeNull();
  });
});

describe('which message a frame delivers', () => {
  const incoming = message({
    kind: 'incoming',
    sender: { type: 'contact', id: 'ctc_ada', name: 'Ada', avatarUrl: null },
  });
  const outgoing = message();

  it("is a visitor's message reaching agents, and a reply reaching the visitor", () => {
    expect(deliveredBy(agent, event('message.created'), incoming)).toBe(incoming);
    expect(deliveredBy(apiToken, event('message.created'), incoming)).toBe(incoming);
    expect(deliveredBy(visitor, event('message.created'), outgoing)).toBe(outgoing);
  });

  it("is nothing for a message from the socket's own side, a note, an update, or one delivered already", () => {
    expect(deliveredBy(agent, event('message.created'), outgoing)).toBeNull();
    expect(deliveredBy(visitor, event('message.created'), incoming)).toBeNull();
    for (const kind of ['note', 'activity'] as const) {
      expect(deliveredBy(agent, event('message.created'), message({ kind }))).toBeNull();
    }
    expect(deliveredBy(agent, event('message.updated'), incoming)).toBeNull();
    expect(deliveredBy(visitor, event('message.updated'), outgoing)).toBeNull();
    for (const status of ['delivered', 'read', 'failed'] as const) {
      expect(deliveredBy(agent, event('message.created'), { ...incoming, status })).toBeNull();
      expect(deliveredBy(visitor, event('message.created'), { ...outgoing, status })).toBeNull();
    }
    expect(deliveredBy(agent, event('conversation.updated'), conversation())).toBeNull();
  });
});
