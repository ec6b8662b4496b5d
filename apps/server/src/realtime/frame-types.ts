// The frames the server sends over a realtime socket, as each side receives them. Types only, in one
// file, so that the realtime contract can move whole to packages/shared beside the response types it
// names. What a client may send is in client-frames.ts (zod schemas).
import type {
  TConversationView,
  TMessageView,
  toVisitorConversation,
  toVisitorMessage,
} from '../conversations/presenter.ts';

export type TVisitorMessage = ReturnType<typeof toVisitorMessage>;
export type TVisitorConversation = ReturnType<typeof toVisitorConversation>;

/** An agent's status overall: online on any server process wins, then away, else offline. */
export type TPresence = 'online' | 'away' | 'offline';

export type TTypingData = {
  conversationId: string;
  isTyping: boolean;
  /** An agent writing a private note (told to the team only; never in a visitor's frames). */
  isPrivate?: boolean;
  sender: { type: 'contact' | 'user'; id: string | null; name: string | null };
};

export type TPresenceData = { userId: string; status: TPresence };

/** An in-app notification (an @mention), sent to the sockets of its recipient only. */
export type TNotificationData = { userId: string } & Record<string, unknown>;

/** A stored event carries its sequence number; typing and presence (ephemeral) do not. */
type TEventFrame<TType extends string, TData> = { type: TType; seq?: number; data: TData };

export type TAgentEventFrame =
  | TEventFrame<'message.created' | 'message.updated', TMessageView>
  | TEventFrame<'conversation.created' | 'conversation.updated', TConversationView>
  | TEventFrame<'notification.created', TNotificationData>
  | TEventFrame<'typing', TTypingData>
  | TEventFrame<'presence', TPresenceData>;

/** A visitor sees its own contact's conversations only: never notes, activity lines or ids of people. */
export type TVisitorEventFrame =
  | TEventFrame<'message.created' | 'message.updated', TVisitorMessage>
  | TEventFrame<'conversation.created' | 'conversation.updated', TVisitorConversation>
  | TEventFrame<'typing', TTypingData & { sender: { type: 'user' } }>;

export type TFrameErrorCode = 'invalid_json' | 'validation_failed' | 'unknown_frame';
export type TErrorFrame = { type: 'error'; code: TFrameErrorCode; message: string };

/**
 * Frames about the connection itself. `ready`: replay is over, live events follow (`lastSeq`: the
 * highest sequence number accounted for). `resync`: the missed events were pruned; reload, then live.
 */
export type TControlFrame =
  | { type: 'ready'; lastSeq: number }
  | { type: 'resync' }
  | { type: 'pong' }
  | TErrorFrame;

export type TAgentServerFrame = TAgentEventFrame | TControlFrame;
export type TVisitorServerFrame = TVisitorEventFrame | TControlFrame;
