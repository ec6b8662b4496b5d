// Shapes of the visitor API (docs/widget.md). The widget is a separate bundle served to any website, so
// it cannot import the server's zod schemas; these mirror the documented contract.

export type Contact = { id: string; name: string | null; email: string | null; isIdentified: boolean };

export type Inbox = {
  name: string;
  color: string;
  position: 'right' | 'left';
  greeting: string;
  teamAvailability: string;
  isOnline: boolean;
  /** While the team is away: when it is next in (ISO time), if the inbox has business hours. */
  nextOpeningAt: string | null;
  offlineMessage: string;
  attachmentsEnabled: boolean;
  preChatForm: { enabled: boolean; requireName: boolean; requireEmail: boolean; consentText: string | null };
  requiresIdentityVerification: boolean;
  /** What a reply to a resolved conversation does. */
  replyToResolved: 'reopen' | 'new_conversation';
};

export type Attachment = {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  isImage: boolean;
  url: string;
};

export type Message = {
  id: string;
  conversationId: string;
  kind: 'incoming' | 'outgoing' | 'activity';
  text: string;
  sender: { type: 'contact' | 'user' | 'system'; name: string | null; avatarUrl: string | null };
  status: 'sent' | 'delivered' | 'read' | 'failed';
  attachments: Attachment[];
  createdAt: string;
};

export type Conversation = {
  id: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  unread: number;
  lastActivityAt: string;
  lastMessage: Message | null;
};

export type ConversationPage = { items: Conversation[]; nextCursor: string | null };

export type BootResponse = {
  visitorToken: string;
  contact: Contact;
  inbox: Inbox;
  conversations: Conversation[];
  pageViewId: string;
};

export type IdentifyInput = {
  userId: string;
  email?: string;
  name?: string;
  phone?: string;
  attributes?: Record<string, unknown>;
  userHash?: string;
};

/** The error shape of every API refusal, with the HTTP status added by the client. */
export type ApiError = Error & { status: number; code: string };

/** Frames the server sends over the visitor socket. */
export type ServerFrame =
  | { type: 'message.created' | 'message.updated'; seq: number; data: Message }
  | { type: 'conversation.created' | 'conversation.updated'; seq: number; data: Conversation }
  | {
      type: 'typing';
      data: { conversationId: string; isTyping: boolean; sender: { type: string; name: string | null } };
    }
  | { type: 'ready'; lastSeq: number }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };
