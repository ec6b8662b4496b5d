// Shapes of the visitor API: the server's own (@parley/shared), imported as types only, so they cost
// the bundle nothing.
export type { TAttachment as Attachment } from '@parley/shared/api/attachments';
export type { TVisitorContact as Contact } from '@parley/shared/api/contacts';
export type { TVisitorConversation as Conversation } from '@parley/shared/api/conversations';
export type { TVisitorMessage as Message } from '@parley/shared/api/messages';
export type {
  TBootResponse as BootResponse,
  TIdentifyResponse as IdentifyResponse,
  TStartedConversation as StartedConversation,
  TVisitorConversationPage as ConversationPage,
  TVisitorMessagesPage as MessagesPage,
  TWidgetInbox as Inbox,
} from '@parley/shared/api/widget';
export type { TVisitorServerFrame as ServerFrame } from '@parley/shared/realtime';

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
