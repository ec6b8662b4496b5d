import { IMAGE_TYPES } from '../files/sniff.ts';
import { signedFileUrl } from '../files/storage.ts';
import type { Platform } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import * as store from './store.ts';

export function presentAttachment(platform: Platform, a: store.TAttachment) {
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
) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    text,
    sender: { type: m.senderType, id: m.senderId, ...sender },
    status: m.status,
    /** Why a channel could not deliver it (failed replies only). */
    statusReason: m.statusReason ?? null,
    attachments: files.map((f) => presentAttachment(platform, f)),
    language: m.language,
    createdAt: m.createdAt.toISOString(),
  };
}

export type TMessageView = ReturnType<typeof messageView>;

/** Messages as agents see them (text opened, sender named, attachments with signed links), in input order. */
export async function presentMessages(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  rows: store.TMessageRow[],
) {
  const files = await store.attachmentsOfMessages(
    q,
    workspaceId,
    rows.map((r) => r.message.id),
  );
  // Sequential on purpose: a transaction's connection runs one query at a time (opening a
  // workspace key the first time queries).
  const views = [];
  for (const r of rows) {
    const m = r.message;
    const sender =
      m.senderType === 'user'
        ? { name: r.userName, avatarUrl: r.userAvatar }
        : m.senderType === 'contact'
          ? { name: r.contactName, avatarUrl: r.contactAvatar }
          : { name: null, avatarUrl: null };
    const text = await platform.sealer.openText(q, workspaceId, m.bodySealed);
    views.push(
      messageView(
        platform,
        m,
        text,
        sender,
        files.filter((f) => f.messageId === m.id),
      ),
    );
  }
  return views;
}

export type TConversationView = ReturnType<typeof conversationView>;

export async function presentConversations(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  rows: store.TConversation[],
) {
  const ids = rows.map((c) => c.id);
  const people = await store.peopleOf(
    q,
    workspaceId,
    [...new Set(rows.map((c) => c.contactId))],
    [...new Set(rows.map((c) => c.assigneeId).filter((id): id is string => id !== null))],
  );
  const labelRows = await store.labelsOfConversations(q, workspaceId, ids);
  const lastRows = await store.findMessagesByIds(
    q,
    workspaceId,
    rows.map((c) => c.lastMessageId).filter((id): id is string => id !== null),
  );
  const lastMessages = new Map(
    (await presentMessages(platform, q, workspaceId, lastRows)).map((m) => [m.id, m]),
  );
  return rows.map((c) => {
    const assignee = c.assigneeId ? people.users.get(c.assigneeId) : undefined;
    return conversationView(
      c,
      {
        contact: people.contacts.get(c.contactId),
        assignee: assignee ? { name: assignee.name, avatarUrl: assignee.avatarUrl } : undefined,
      },
      labelRows.filter((l) => l.conversationId === c.id).map(({ id, name, color }) => ({ id, name, color })),
      c.lastMessageId ? (lastMessages.get(c.lastMessageId) ?? null) : null,
    );
  });
}

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
  lastMessage: TMessageView | null,
) {
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
export function toVisitorMessage(m: TMessageView) {
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

export function toVisitorConversation(c: TConversationView) {
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
