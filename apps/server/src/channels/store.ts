import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { contacts } from '../contacts/tables.ts';
import { conversations, messages } from '../conversations/tables.ts';
import { inboxes } from '../inboxes/tables.ts';
import type { Queryable } from '../platform/db.ts';

export type TChannelInbox = typeof inboxes.$inferSelect;

/** The inbox locked for a change of its channel (connect, disconnect). */
export async function lockInbox(q: Queryable, workspaceId: string, inboxId: string) {
  const [row] = await q
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.id, inboxId)))
    .for('update');
  return row;
}

export async function setChannel(
  q: Queryable,
  workspaceId: string,
  inboxId: string,
  patch: Partial<
    Pick<
      TChannelInbox,
      'channelState' | 'channelSettings' | 'channelSecretsSealed' | 'channelError' | 'channelErrorAt'
    >
  >,
) {
  await q
    .update(inboxes)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.id, inboxId)));
}

/** The message a channel already stored under this id (`key`: the inbox-scoped external id). */
export async function findMessageByExternalId(q: Queryable, workspaceId: string, key: string) {
  const [row] = await q
    .select({ id: messages.id, conversationId: messages.conversationId, status: messages.status })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.externalId, key)));
  return row;
}

/** The contact whose address on the channel this is (emails compare without case). */
export async function findContactByAddress(
  q: Queryable,
  workspaceId: string,
  field: 'email' | 'phone',
  address: string,
) {
  const column = field === 'email' ? contacts.email : contacts.phone;
  const [row] = await q
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`lower(${column}) = lower(${address})`))
    .orderBy(asc(contacts.createdAt))
    .limit(1);
  return row;
}

/**
 * The conversation the default threading rule continues: the contact's latest in this inbox that is
 * not resolved, or the latest of all when the inbox reopens resolved conversations.
 */
export async function latestConversation(
  q: Queryable,
  workspaceId: string,
  inboxId: string,
  contactId: string,
  isResolvedIncluded: boolean,
) {
  const [row] = await q
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.inboxId, inboxId),
        eq(conversations.contactId, contactId),
        isResolvedIncluded ? undefined : ne(conversations.status, 'resolved'),
      ),
    )
    .orderBy(desc(conversations.lastActivityAt))
    .limit(1);
  return row?.id ?? null;
}

/** A reply with what its channel needs to send it (null when it is not there). */
export async function outboundMessage(q: Queryable, workspaceId: string, messageId: string) {
  const [row] = await q
    .select({
      message: messages,
      inboxId: conversations.inboxId,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone },
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)),
    )
    .innerJoin(
      contacts,
      and(eq(contacts.workspaceId, conversations.workspaceId), eq(contacts.id, conversations.contactId)),
    )
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
  return row;
}

/** Replies of an inbox still waiting to be sent, oldest first. */
export async function pendingMessageIds(q: Queryable, workspaceId: string, inboxId: string) {
  const rows = await q
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)),
    )
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(conversations.inboxId, inboxId),
        inArray(messages.status, ['pending']),
      ),
    )
    .orderBy(asc(messages.id));
  return rows.map((r) => r.id);
}
