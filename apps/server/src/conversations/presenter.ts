import type { TAttachment } from '../../../../packages/shared/src/api/attachments.ts';
import type {
  TConversation,
  TVisitorConversation,
} from '../../../../packages/shared/src/api/conversations.ts';
import type { TMessage, TVisitorMessage } from '../../../../packages/shared/src/api/messages.ts';
import { IMAGE_TYPES } from '../files/sniff.ts';
import { signedFileUrl } from '../files/storage.ts';
import type { Platform } from '../platform/context.ts';
import type * as store from './store.ts';

export function presentAttachment(platform: Platform, a: store.TAttachment): TAttachment {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    isImage: IMAGE_TYPES.has(a.contentType),
    url: signedFileUrl(platform, a.id),
  };
}

type TPerson = { name: string | null; avatarUrl: string | null };

/** One message as agents see it, from its row and what is already known (no queries). */
export function messageView(
  platform: Platform,
  m: Omit<store.TMessage, 'searchVector'>,
  text: string,
  sender: TPerson,
  files: store.TAttachment[],
): TMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    text,
    sender: { type: m.senderType, id: m.senderId, ...sender },
    status: m.status,
    statusReason: m.statusReason ?? null,
    attachments: files.map((f) => presentAttachment(platform, f)),
    language: m.language,
    createdAt: m.createdAt.toISOString(),
  };
}

export type TMessageView = TMessage;
export type TConversationView = TConversation;

/** One conversation as agents see it, from its row and what is already known (no queries). */
export function conversationView(
  c: store.TConversation,
  people: {
    contact?:
      | { name: string | null; email: string | null; phone: string | null; avatarUrl: string | null }
      | undefined;
    assignee?: TPerson | undefined;
  },
  labels: { id: string; name: string; color: string }[],
  lastMessage: TMessage | null,
): TConversation {
  return {
    id: c.id,
    inboxId: c.inboxId,
    contact: {
      id: c.contactId,
      name: people.contact?.name ?? null,
      email: people.contact?.email ?? null,
      phone: people.contact?.phone ?? null,
      avatarUrl: people.contact?.avatarUrl ?? null,
    },
    status: c.status,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    priority: c.priority,
    assignee:
      c.assigneeId && people.assignee
        ? { id: c.assigneeId, name: people.assignee.name ?? '', avatarUrl: people.assignee.avatarUrl }
        : null,
    teamId: c.teamId,
    labels,
    unreadByAgents: c.unreadByAgents,
    unreadByContact: c.unreadByContact,
    firstReplyAt: c.firstReplyAt?.toISOString() ?? null,
    lastActivityAt: c.lastActivityAt.toISOString(),
    lastMessage,
    sourcePage: c.sourcePage,
    createdAt: c.createdAt.toISOString(),
  };
}

/** What a visitor may see of a message: never notes, never ids of people. */
export function toVisitorMessage(m: TMessage): TVisitorMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    text: m.text,
    sender: { type: m.sender.type, name: m.sender.name, avatarUrl: m.sender.avatarUrl },
    status: m.status,
    attachments: m.attachments,
    createdAt: m.createdAt,
  };
}

export function toVisitorConversation(c: TConversation): TVisitorConversation {
  return {
    id: c.id,
    status: c.status,
    unread: c.unreadByContact,
    lastActivityAt: c.lastActivityAt,
    lastMessage:
      c.lastMessage && c.lastMessage.kind !== 'note' && c.lastMessage.kind !== 'activity'
        ? toVisitorMessage(c.lastMessage)
        : null,
  };
}
