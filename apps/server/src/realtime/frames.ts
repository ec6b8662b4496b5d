// What a socket receives of an event: no I/O, no timers. An event reaches every socket of a workspace
// that takes it, so its frame is built once per audience (agents, or the visitors of its contact) and
// the same bytes go to each of those sockets.
import type { TNotification } from '../../../../packages/shared/src/api/notifications.ts';
import type { TTypingData, TVisitorEventFrame } from '../../../../packages/shared/src/realtime.ts';
import {
  type TConversationView,
  type TMessageView,
  toVisitorConversation,
  toVisitorMessage,
} from '../conversations/presenter.ts';
import type { TOpened } from '../events/feed.ts';
import type { TStoredEvent } from '../platform/realtime.ts';

/** Whom a socket serves: an agent of the event's workspace, or a visitor (one contact). */
export type TViewer = { kind: 'agent'; userId: string | null } | { kind: 'visitor'; contactId: string };

/** The frames of one event, built the first time a socket of their audience needs them. */
type TFrames = { agent?: Buffer; visitor?: Buffer | null };
const framesOf = new WeakMap<TStoredEvent, TFrames>();

/**
 * The frame `viewer` receives for `event` (its payload opened: `open`), or null when the event is not
 * for it. Every viewer of one audience gets the same Buffer.
 */
export function frameFor(viewer: TViewer, event: TStoredEvent, open: TOpened): Buffer | null {
  if (viewer.kind === 'visitor') {
    if (event.contactId !== viewer.contactId) {
      return null;
    }
  } else if (
    !event.forAgents ||
    (event.type === 'notification.created' && (open.data as TNotification).userId !== viewer.userId)
  ) {
    return null;
  }
  let frames = framesOf.get(event);
  if (!frames) {
    frames = {};
    framesOf.set(event, frames);
  }
  if (viewer.kind === 'agent') {
    // Agents see the payload as it was written: its JSON text goes into the frame as it is.
    frames.agent ??= Buffer.from(frameAround(event, open.json));
    return frames.agent;
  }
  if (frames.visitor === undefined) {
    const shown = visitorData(event, open.data);
    frames.visitor = shown === null ? null : Buffer.from(frameAround(event, JSON.stringify(shown)));
  }
  return frames.visitor;
}

/** `{"type":…,"seq":…,"data":…}` around data already serialised (no `seq` for ephemeral events). */
function frameAround(event: TStoredEvent, json: string) {
  const seq = event.seq === null ? '' : `,"seq":${event.seq}`;
  return `{"type":${JSON.stringify(event.type)}${seq},"data":${json}}`;
}

/** What a visitor may see of an event of its own contact, or null. */
function visitorData(event: TStoredEvent, data: unknown): TVisitorEventFrame['data'] | null {
  switch (event.type) {
    case 'message.created':
    case 'message.updated': {
      const message = data as TMessageView;
      return message.kind === 'note' || message.kind === 'activity' ? null : toVisitorMessage(message);
    }
    case 'conversation.created':
    case 'conversation.updated':
      return toVisitorConversation(data as TConversationView);
    case 'typing': {
      // An agent's typing only: a visitor's own is not echoed back.
      const typing = data as TTypingData;
      return isAgentTyping(typing) ? typing : null;
    }
    default:
      return null;
  }
}

function isAgentTyping(data: TTypingData): data is TTypingData & { sender: { type: 'user' } } {
  return data.sender.type === 'user';
}

/**
 * The message that a frame hands to the other side of its conversation, which then counts as delivered:
 * a visitor's message reaching the agents, an agent's reply reaching the visitor. Null for every other
 * frame, and for a message already delivered or read. Only for a frame `viewer` receives (frameFor).
 */
export function deliveredBy(viewer: TViewer, event: TStoredEvent, data: unknown): TMessageView | null {
  if (event.type !== 'message.created') {
    return null;
  }
  const message = data as TMessageView;
  const fromOtherSide = viewer.kind === 'agent' ? 'incoming' : 'outgoing';
  return message.kind === fromOtherSide && message.status === 'sent' ? message : null;
}
