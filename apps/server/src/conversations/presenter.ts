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

export type TMessageView = Awaited<ReturnType<typeof presentMessages>>[number];

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
    views.push({
      id: m.id,
      conversationId: m.conversationId,
      kind: m.kind,
      text: await platform.sealer.openText(q, workspaceId, m.bodySealed),
      sender: { type: m.senderType, id: m.senderId, ...sender },
      status: m.status,
      attachments: files.filter((f) => f.messageId === m.id).map((f) => presentAttachment(platform, f)),
      language: m.language,
      createdAt: m.createdAt.toISOString(),
    });
  }
  return views;
}

export type TConversationView = Awaited<ReturnType<typeof presentConversations>>[number];

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
    const contact = people.contacts.get(c.contactId);
    const assignee = c.assigneeId ? people.users.get(c.assigneeId) : undefined;
    return {
      id: c.id,
      inboxId: c.inboxId,
      contact: {
        id: c.contactId,
        name: contact?.name ?? null,
        email: contact?.email ?? null,
        avatarUrl: contact?.avatarUrl ?? null,
      },
      status: c.status,
      snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
      priority: c.priority,
      assignee: assignee ? { id: assignee.id, name: assignee.name, avatarUrl: assignee.avatarUrl } : null,
      teamId: c.teamId,
      labels: labelRows
        .filter((l) => l.conversationId === c.id)
        .map(({ id, name, color }) => ({ id, name, color })),
      unreadByAgents: c.unreadByAgents,
      unreadByContact: c.unreadByContact,
      firstReplyAt: c.firstReplyAt?.toISOString() ?? null,
      lastActivityAt: c.lastActivityAt.toISOString(),
      lastMessage: c.lastMessageId ? (lastMessages.get(c.lastMessageId) ?? null) : null,
      sourcePage: c.sourcePage,
      createdAt: c.createdAt.toISOString(),
    };
  });
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
