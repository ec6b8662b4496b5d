// The realtime contract: every frame the server sends over a socket, as agents and as visitors receive
// them, and every frame a client may send (the server checks those with these schemas). A stored event
// carries its sequence number (`seq`); typing and presence are ephemeral and carry none.
import { z } from 'zod';
import { ZConversation, ZVisitorConversation } from './api/conversations.ts';
import { ZMessage, ZVisitorMessage } from './api/messages.ts';
import { ZNotification } from './api/notifications.ts';

// ── Client → server ─────────────────────────────────────────────────────────────────────────────

/**
 * Sent once after connecting: the last sequence number the client saw. Anything but a number ≥ 0
 * (null, left out) means "nothing to replay": live events from now on. Never refused.
 */
export const ZResumeFrame = z.object({
  type: z.literal('resume'),
  lastSeq: z.number().min(0).transform(Math.floor).nullable().catch(null),
});

export const ZPingFrame = z.object({ type: z.literal('ping') });

/** Someone is writing in a conversation; `isPrivate`: an agent's note (the visitor is not told). */
export const ZTypingFrame = z.object({
  type: z.literal('typing'),
  conversationId: z.string(),
  isTyping: z.boolean(),
  isPrivate: z.boolean().optional(),
});

/** Agents (signed-in users) only: the dashboard says "away" after a while without activity. */
export const ZPresenceFrame = z.object({ type: z.literal('presence'), status: z.enum(['online', 'away']) });

export type TResumeFrame = z.infer<typeof ZResumeFrame>;
export type TPingFrame = z.infer<typeof ZPingFrame>;
export type TTypingFrame = z.infer<typeof ZTypingFrame>;
export type TPresenceFrame = z.infer<typeof ZPresenceFrame>;
export type TClientFrame = TResumeFrame | TPingFrame | TTypingFrame | TPresenceFrame;

// ── Server → client ─────────────────────────────────────────────────────────────────────────────

/** An agent's status overall: online on any server process wins, then away, else offline. */
export const PRESENCES = ['online', 'away', 'offline'] as const;
export type TPresence = (typeof PRESENCES)[number];

export const ZTypingData = z.object({
  conversationId: z.string(),
  isTyping: z.boolean(),
  /** An agent writing a private note (told to the team only; never in a visitor's frames). */
  isPrivate: z.boolean().optional(),
  sender: z.object({
    type: z.enum(['contact', 'user']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
});
export type TTypingData = z.infer<typeof ZTypingData>;

export const ZPresenceData = z.object({ userId: z.string(), status: z.enum(PRESENCES) });
export type TPresenceData = z.infer<typeof ZPresenceData>;

const MESSAGE_EVENTS = ['message.created', 'message.updated'] as const;
const CONVERSATION_EVENTS = ['conversation.created', 'conversation.updated'] as const;

/** A stored event, numbered in its workspace's sequence. */
function storedEvent<TType extends z.ZodType, TData extends z.ZodType>(type: TType, data: TData) {
  return z.object({ type, seq: z.number(), data });
}

/** An ephemeral event: never stored, so never numbered. */
function ephemeralEvent<TType extends string, TData extends z.ZodType>(type: TType, data: TData) {
  return z.object({ type: z.literal(type), data });
}

export const ZAgentEventFrame = z.union([
  storedEvent(z.enum(MESSAGE_EVENTS), ZMessage),
  storedEvent(z.enum(CONVERSATION_EVENTS), ZConversation),
  /** Sent to the sockets of its recipient only. */
  storedEvent(z.literal('notification.created'), ZNotification),
  ephemeralEvent('typing', ZTypingData),
  ephemeralEvent('presence', ZPresenceData),
]);
export type TAgentEventFrame = z.infer<typeof ZAgentEventFrame>;

/** A visitor sees its own contact's conversations only: never notes, activity lines or ids of people. */
export const ZVisitorEventFrame = z.union([
  storedEvent(z.enum(MESSAGE_EVENTS), ZVisitorMessage),
  storedEvent(z.enum(CONVERSATION_EVENTS), ZVisitorConversation),
  ephemeralEvent(
    'typing',
    ZTypingData.extend({ sender: ZTypingData.shape.sender.extend({ type: z.literal('user') }) }),
  ),
]);
export type TVisitorEventFrame = z.infer<typeof ZVisitorEventFrame>;

export const FRAME_ERROR_CODES = ['invalid_json', 'validation_failed', 'unknown_frame'] as const;
export type TFrameErrorCode = (typeof FRAME_ERROR_CODES)[number];
export const ZErrorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(FRAME_ERROR_CODES),
  message: z.string(),
});
export type TErrorFrame = z.infer<typeof ZErrorFrame>;

/**
 * Frames about the connection itself. `ready`: replay is over, live events follow (`lastSeq`: the
 * highest sequence number accounted for). `resync`: the missed events were pruned; reload, then live.
 */
export const ZControlFrame = z.union([
  z.object({ type: z.literal('ready'), lastSeq: z.number() }),
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('pong') }),
  ZErrorFrame,
]);
export type TControlFrame = z.infer<typeof ZControlFrame>;

export const ZAgentServerFrame = z.union([ZAgentEventFrame, ZControlFrame]);
export type TAgentServerFrame = z.infer<typeof ZAgentServerFrame>;
export const ZVisitorServerFrame = z.union([ZVisitorEventFrame, ZControlFrame]);
export type TVisitorServerFrame = z.infer<typeof ZVisitorServerFrame>;
