// The views of messages and conversations with what they need read first: sender names, attachments,
// labels, last messages and opened text. The presenter then shapes them without a query.
import type { Platform } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import { conversationView, messageView, type TConversationView, type TMessageView } from './presenter.ts';
import * as store from './store.ts';

/** Messages as agents see them (text opened, sender named, attachments with signed links), in input order. */
export async function loadMessageViews(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  rows: store.TMessageRow[],
): Promise<TMessageView[]> {
  const files = await store.attachmentsOfMessages(
    q,
    workspaceId,
    rows.map((r) => r.message.id),
  );
  // Sequential on purpose: a transaction's connection runs one query at a time (opening a
  // workspace key the first time queries).
  const views: TMessageView[] = [];
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

export async function loadConversationViews(
  platform: Platform,
  q: Queryable,
  workspaceId: string,
  rows: store.TConversation[],
): Promise<TConversationView[]> {
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
    (await loadMessageViews(platform, q, workspaceId, lastRows)).map((m) => [m.id, m]),
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
