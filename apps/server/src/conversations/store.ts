import {
  aliasedTable,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lt,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import { CONVERSATION_SORTS, type TConversationSort } from '../../../../packages/shared/src/api/enums.ts';
import { users } from '../accounts/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { type INBOX_CHANNELS, inboxes } from '../inboxes/tables.ts';
import { labels } from '../labels/tables.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { runStatement, type TStatement } from '../platform/tenant-transaction.ts';
import { searchConfig } from '../search/text.ts';
import {
  attachments,
  type CONVERSATION_STATUSES,
  conversationLabels,
  conversations,
  messages,
  type PRIORITIES,
} from './tables.ts';

export type TConversation = typeof conversations.$inferSelect;
export type TMessage = typeof messages.$inferSelect;
export type TAttachment = typeof attachments.$inferSelect;
export type TConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type TPriority = (typeof PRIORITIES)[number];

export async function insertConversation(q: Queryable, input: Omit<typeof conversations.$inferInsert, 'id'>) {
  const [row] = await q
    .insert(conversations)
    .values({ id: newId('conv'), ...input })
    .returning();
  return row!;
}

export async function findConversation(
  q: Queryable,
  workspaceId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
) {
  const query = q
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateConversation(
  q: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<TConversation>,
) {
  const [row] = await q
    .update(conversations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .returning();
  return row!;
}

/**
 * The assignee after a reply by `userId`: an unassigned conversation becomes theirs unless the
 * workspace turned reply assignment off. Read inside the UPDATE, so a concurrent assignment wins.
 */
export function assigneeAfterReply(workspaceId: string, userId: string) {
  return sql`coalesce(${conversations.assigneeId}, case when (select w.auto_assign_on_reply from workspaces w where w.id = ${workspaceId}) then ${userId} end)`;
}

export type TConversationFilter = {
  status?: TConversationStatus | undefined;
  priority?: TPriority | undefined;
  inboxId?: string | undefined;
  /** Conversations in the workspace's inboxes of this channel. */
  channel?: (typeof INBOX_CHANNELS)[number] | undefined;
  teamId?: string | undefined;
  labelId?: string | undefined;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null | undefined;
  contactId?: string | undefined;
  /** Conversations where this user was @mentioned. */
  mentionedUserId?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
};

export const SORTS = CONVERSATION_SORTS;
export type TSort = TConversationSort;

/**
 * Each sort is a key of columns read in one direction, so that paging is a row comparison the
 * matching index serves: `(key) < (cursor)` for descending keys, `>` for ascending ones.
 */
const SORT_KEYS: Record<TSort, { columns: SQL[]; direction: 'asc' | 'desc' }> = {
  last_activity: {
    columns: [sql`${conversations.lastActivityAt}`, sql`${conversations.id}`],
    direction: 'desc',
  },
  newest: { columns: [sql`${conversations.createdAt}`, sql`${conversations.id}`], direction: 'desc' },
  waiting_longest: {
    columns: [sql`${conversations.waitingSince}`, sql`${conversations.id}`],
    direction: 'asc',
  },
  priority: {
    columns: [
      sql`${conversations.priorityRank}`,
      sql`${conversations.lastActivityAt}`,
      sql`${conversations.id}`,
    ],
    direction: 'desc',
  },
};

/** A page of conversations; `after` is the cursor key (as text, full precision) of the last row seen. */
export async function listConversations(
  q: Queryable,
  workspaceId: string,
  filter: TConversationFilter,
  page: { limit: number; sort?: TSort; after: string[] | null },
) {
  const key = SORT_KEYS[page.sort ?? 'last_activity'];
  const row = sql.join(key.columns, sql`, `);
  const conditions: (SQL | undefined)[] = [
    eq(conversations.workspaceId, workspaceId),
    filter.status ? eq(conversations.status, filter.status) : undefined,
    filter.priority ? eq(conversations.priority, filter.priority) : undefined,
    filter.inboxId ? eq(conversations.inboxId, filter.inboxId) : undefined,
    filter.channel
      ? inArray(
          conversations.inboxId,
          q
            .select({ id: inboxes.id })
            .from(inboxes)
            .where(and(eq(inboxes.workspaceId, workspaceId), eq(inboxes.channel, filter.channel))),
        )
      : undefined,
    filter.teamId ? eq(conversations.teamId, filter.teamId) : undefined,
    filter.contactId ? eq(conversations.contactId, filter.contactId) : undefined,
    filter.assigneeId === null
      ? isNull(conversations.assigneeId)
      : filter.assigneeId
        ? eq(conversations.assigneeId, filter.assigneeId)
        : undefined,
    filter.labelId
      ? sql`exists (select 1 from ${conversationLabels} cl where cl.workspace_id = ${workspaceId}
              and cl.label_id = ${filter.labelId} and cl.conversation_id = ${conversations.id})`
      : undefined,
    filter.mentionedUserId
      ? sql`exists (select 1 from notifications n where n.workspace_id = ${workspaceId}
              and n.user_id = ${filter.mentionedUserId} and n.conversation_id = ${conversations.id})`
      : undefined,
    filter.createdAfter ? sql`${conversations.createdAt} >= ${filter.createdAfter}` : undefined,
    filter.createdBefore ? sql`${conversations.createdAt} < ${filter.createdBefore}` : undefined,
    page.sort === 'waiting_longest' ? sql`${conversations.waitingSince} is not null` : undefined,
    page.after
      ? sql`(${row}) ${sql.raw(key.direction === 'desc' ? '<' : '>')} (${sql.join(
          page.after.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : undefined,
  ];
  const order = key.columns.map((c) => (key.direction === 'desc' ? sql`${c} desc` : sql`${c} asc`));
  return q
    .select({
      conversation: conversations,
      cursorKey: sql<string[]>`array[${sql.join(
        key.columns.map((c) => sql`${c}::text`),
        sql`, `,
      )}]`,
    })
    .from(conversations)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(page.limit);
}

export async function insertMessage(q: Queryable, input: Omit<typeof messages.$inferInsert, 'id'>) {
  const [row] = await q
    .insert(messages)
    .values({ id: newId('msg'), ...input })
    .returning();
  return row!;
}

const senderUser = aliasedTable(users, 'sender_user');
const senderContact = aliasedTable(contacts, 'sender_contact');

// Every column but the search words, which are large and never leave the database.
const { searchVector: _searchVector, ...messageFields } = getTableColumns(messages);

const messageColumns = {
  message: messageFields,
  userName: senderUser.name,
  userAvatar: senderUser.avatarUrl,
  contactName: senderContact.name,
  contactAvatar: senderContact.avatarUrl,
};

function selectMessages(q: Queryable) {
  return q
    .select(messageColumns)
    .from(messages)
    .leftJoin(senderUser, and(eq(messages.senderType, 'user'), eq(senderUser.id, messages.senderId)))
    .leftJoin(
      senderContact,
      and(
        eq(messages.senderType, 'contact'),
        eq(senderContact.id, messages.senderId),
        eq(senderContact.workspaceId, messages.workspaceId),
      ),
    );
}

export type TMessageRow = Awaited<ReturnType<typeof listMessages>>[number];

/** Newest first up to `limit`, before the message id `before`; notes only for agents. */
export async function listMessages(
  q: Queryable,
  workspaceId: string,
  conversationId: string,
  opts: { before: string | null; limit: number; includeNotes: boolean },
) {
  return selectMessages(q)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        opts.before ? lt(messages.id, opts.before) : undefined,
        opts.includeNotes ? undefined : ne(messages.kind, 'note'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(opts.limit);
}

export async function findMessagesByIds(q: Queryable, workspaceId: string, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return selectMessages(q).where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, ids)));
}

/** Moves messages of `kind` from `from` statuses to `to`; returns the ids that changed (newest last). */
export async function advanceMessageStatus(
  q: Queryable,
  workspaceId: string,
  where: { conversationId?: string; ids?: string[]; kind?: 'incoming' | 'outgoing' },
  from: ('sent' | 'delivered')[],
  to: 'delivered' | 'read',
) {
  const rows = await q
    .update(messages)
    .set({ status: to, updatedAt: new Date() })
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        where.kind ? eq(messages.kind, where.kind) : inArray(messages.kind, ['incoming', 'outgoing']),
        inArray(messages.status, from),
        where.conversationId ? eq(messages.conversationId, where.conversationId) : undefined,
        where.ids ? inArray(messages.id, where.ids) : undefined,
      ),
    )
    .returning({ id: messages.id });
  return rows.map((r) => r.id).sort();
}

/**
 * Sent → delivered for these messages, in one statement; returns, for each message it changed, its
 * conversation's contact (whose visitor sockets hear of it).
 */
export async function markSentDelivered(tx: Tx, workspaceId: string, ids: string[]) {
  const rows = await runStatement<{ id: string; contactId: string }>(tx, {
    name: 'parley_mark_delivered',
    text: `update messages m set status = 'delivered', updated_at = $3
       from conversations c
      where m.workspace_id = $1 and m.id = any($2::text[]) and m.status = 'sent'
        and m.kind in ('incoming', 'outgoing')
        and c.workspace_id = m.workspace_id and c.id = m.conversation_id
     returning m.id, c.contact_id as "contactId"`,
    values: [workspaceId, ids, new Date()],
  });
  return new Map(rows.map((r) => [r.id, r.contactId]));
}

export async function insertAttachment(q: Queryable, input: Omit<typeof attachments.$inferInsert, 'id'>) {
  const [row] = await q
    .insert(attachments)
    .values({ id: newId('att'), ...input })
    .returning();
  return row!;
}

export async function findAttachment(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.id, id)));
  return row;
}

/** Installation-wide by id, for signed links (the signature is the permission). */
export async function findAttachmentById(q: Queryable, id: string) {
  const [row] = await q.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

/** Attaches the uploader's own unsent uploads to a message; returns those it could claim. */
/** Adds words (attachment names) to a message's search words, as exact words. */
export async function addSearchWords(q: Queryable, workspaceId: string, messageId: string, words: string) {
  await q
    .update(messages)
    .set({
      searchVector: sql`coalesce(${messages.searchVector}, ''::tsvector) || setweight(to_tsvector('simple', ${words}), 'A')`,
    } as unknown as Partial<typeof messages.$inferInsert>)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
}

export async function claimAttachments(
  q: Queryable,
  workspaceId: string,
  ids: string[],
  uploader: { type: 'contact' | 'user'; id: string },
  messageId: string,
) {
  if (ids.length === 0) {
    return [];
  }
  return q
    .update(attachments)
    .set({ messageId, updatedAt: new Date() })
    .where(
      and(
        eq(attachments.workspaceId, workspaceId),
        inArray(attachments.id, ids),
        isNull(attachments.messageId),
        eq(attachments.uploaderType, uploader.type),
        eq(attachments.uploaderId, uploader.id),
      ),
    )
    .returning();
}

export async function attachmentsOfMessages(q: Queryable, workspaceId: string, messageIds: string[]) {
  if (messageIds.length === 0) {
    return [];
  }
  return q
    .select()
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.messageId, messageIds)))
    .orderBy(asc(attachments.id));
}

export async function labelsOfConversations(q: Queryable, workspaceId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) {
    return [];
  }
  return q
    .select({
      conversationId: conversationLabels.conversationId,
      id: labels.id,
      name: labels.name,
      color: labels.color,
    })
    .from(conversationLabels)
    .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
    .where(
      and(
        eq(conversationLabels.workspaceId, workspaceId),
        inArray(conversationLabels.conversationId, conversationIds),
      ),
    )
    .orderBy(asc(labels.name));
}

export async function addLabel(q: Queryable, workspaceId: string, conversationId: string, labelId: string) {
  await q.insert(conversationLabels).values({ workspaceId, conversationId, labelId }).onConflictDoNothing();
}

export async function removeLabel(
  q: Queryable,
  workspaceId: string,
  conversationId: string,
  labelId: string,
) {
  const rows = await q
    .delete(conversationLabels)
    .where(
      and(
        eq(conversationLabels.workspaceId, workspaceId),
        eq(conversationLabels.conversationId, conversationId),
        eq(conversationLabels.labelId, labelId),
      ),
    )
    .returning({ labelId: conversationLabels.labelId });
  return rows.length > 0;
}

/** People and contacts named on a page of conversations, for presenting them. */
export async function peopleOf(q: Queryable, workspaceId: string, contactIds: string[], userIds: string[]) {
  // One after the other: a transaction's connection runs one query at a time.
  const contactRows = contactIds.length
    ? await q
        .select({
          id: contacts.id,
          name: contacts.name,
          email: contacts.email,
          phone: contacts.phone,
          avatarUrl: contacts.avatarUrl,
        })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, contactIds)))
    : [];
  const userRows = userIds.length
    ? await q
        .select({ id: users.id, name: users.name, avatarUrl: users.avatarUrl })
        .from(users)
        .where(inArray(users.id, userIds))
    : [];
  return {
    contacts: new Map(contactRows.map((c) => [c.id, c])),
    users: new Map(userRows.map((u) => [u.id, u])),
  };
}

/** Reassigns a contact's conversations to another contact (identity merge). */
export async function moveConversations(
  q: Queryable,
  workspaceId: string,
  fromContactId: string,
  toContactId: string,
) {
  await q
    .update(conversations)
    .set({ contactId: toContactId, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, fromContactId)));
  await q
    .update(messages)
    .set({ senderId: toContactId })
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.senderType, 'contact'),
        eq(messages.senderId, fromContactId),
      ),
    );
}

/** Conversations assigned to someone who left go back to the unassigned queue. */
export async function unassignUser(q: Queryable, workspaceId: string, userId: string) {
  await q
    .update(conversations)
    .set({ assigneeId: null, updatedAt: new Date() })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.assigneeId, userId)));
}

export type TConversationDetails = {
  contact: { name: string | null; email: string | null; phone: string | null; avatarUrl: string | null };
  assignee: { name: string | null; avatarUrl: string | null } | undefined;
  senderUser: { name: string | null; avatarUrl: string | null };
  labels: { id: string; name: string; color: string }[];
};

/** In one round trip: the contact, the assignee, a sending user and the labels of a conversation. */
export async function conversationDetails(
  q: Queryable,
  workspaceId: string,
  conversation: TConversation,
  senderUserId: string | null,
): Promise<TConversationDetails> {
  const result = (await q.execute(sql`
    select ct.name as contact_name, ct.email as contact_email, ct.phone as contact_phone,
           ct.avatar_url as contact_avatar,
           a.name as assignee_name, a.avatar_url as assignee_avatar,
           s.name as sender_name, s.avatar_url as sender_avatar,
           coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name)
                       from conversation_labels cl join labels l on l.id = cl.label_id
                      where cl.workspace_id = ${workspaceId} and cl.conversation_id = ${conversation.id}), '[]'::json) as labels
      from contacts ct
      left join users a on a.id = ${conversation.assigneeId}
      left join users s on s.id = ${senderUserId}
     where ct.workspace_id = ${workspaceId} and ct.id = ${conversation.contactId}`)) as unknown as {
    rows: Record<string, string | null | unknown>[];
  };
  const r = result.rows[0] ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const labelsValue = typeof r.labels === 'string' ? JSON.parse(r.labels) : r.labels;
  return {
    contact: {
      name: text(r.contact_name),
      email: text(r.contact_email),
      phone: text(r.contact_phone),
      avatarUrl: text(r.contact_avatar),
    },
    assignee: conversation.assigneeId
      ? { name: text(r.assignee_name), avatarUrl: text(r.assignee_avatar) }
      : undefined,
    senderUser: { name: text(r.sender_name), avatarUrl: text(r.sender_avatar) },
    labels: (labelsValue ?? []) as TConversationDetails['labels'],
  };
}

/** Open conversations in the main views: assigned to `userId`, unassigned, and all. */
export async function countOpenViews(q: Queryable, workspaceId: string, userId: string | null) {
  const [row] = await q
    .select({
      mine: sql<number>`count(*) filter (where ${conversations.assigneeId} = ${userId ?? ''})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, 'open')));
  return { mine: row?.mine ?? 0, unassigned: row?.unassigned ?? 0, all: row?.all ?? 0 };
}

// ── Writing messages (the one message path: conversations/write-messages.ts) ──────────────────────

/**
 * The whole set in one statement: check each message (its conversation exists; a visitor's token still
 * names the visitor whose contact owns it; a contact writes only in its own conversations), insert the
 * messages that pass, update their conversations once each, and return what the views need. Lookups go
 * by key for each message (lateral; `limit 1` keeps the planner from turning them into joins that scan
 * a whole workspace when a table's statistics are not there yet). Every SET expression sees the row as
 * it was: a reopened conversation loses its snooze time. Notes and activity lines only move the
 * activity time. An unassigned conversation's first replier becomes its assignee unless the workspace
 * turned that off.
 */
const MESSAGES_SQL = `
  with chk as (
    select i.*, c.contact_id, c.channel, u.name as user_name, u.avatar_url as user_avatar,
           case i.sender_type when 'visitor' then v.contact_id when 'contact' then i.sender_id end as contact_sender,
           c.id is not null as is_found,
           coalesce(i.sender_type in ('visitor', 'contact') and c.is_closed, false) as is_channel_closed,
           coalesce(c.id is not null and not (i.sender_type in ('visitor', 'contact') and c.is_closed)
                    and case i.sender_type
                      when 'visitor' then v.contact_id = c.contact_id and not c.starts_new
                      when 'contact' then i.sender_id = c.contact_id
                      when 'user' then i.sender_id is not null
                      else true end, false) as is_ok,
           coalesce(i.sender_type = 'visitor' and v.contact_id = c.contact_id and c.starts_new, false)
             as is_resolved_closed
      from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
           with ordinality as i(id, conversation_id, kind, sender_type, sender_id, visitor_id, token_hash,
                                body_sealed, language, words, config, external_id, status, ord)
      left join lateral (select c.id, c.contact_id, ib.channel, ib.channel_state = 'disconnected' as is_closed,
                                (c.status = 'resolved' and i.sender_type = 'visitor'
                                  and ib.settings->>'replyToResolved' = 'new_conversation') as starts_new
                           from conversations c join inboxes ib on ib.workspace_id = $1 and ib.id = c.inbox_id
                          where c.workspace_id = $1 and c.id = i.conversation_id limit 1) c on true
      left join lateral (select v.contact_id from visitors v
                          where i.sender_type = 'visitor' and v.id = i.visitor_id and v.workspace_id = $1
                            and (i.token_hash is null or v.token_hash = i.token_hash) limit 1) v on true
      left join lateral (select u.name, u.avatar_url from users u
                          where i.sender_type = 'user' and u.id = i.sender_id limit 1) u on true
  ),
  ins as (
    insert into messages (id, workspace_id, conversation_id, kind, body_sealed, sender_type, sender_id,
                          status, external_id, language, search_vector)
    select id, $1, conversation_id, kind, body_sealed,
           case sender_type when 'visitor' then 'contact' else sender_type end,
           case sender_type when 'user' then sender_id when 'system' then null else contact_sender end,
           case when kind = 'outgoing' and channel = any($16::text[]) then 'pending' else status end, external_id,
           case when kind = 'incoming' then language end,
           case when words is null then null
                else setweight(to_tsvector('simple', words), 'A') || to_tsvector(config::regconfig, words) end
      from chk where is_ok order by ord
    returning id, status, created_at as "createdAt"
  ),
  grp as (
    select conversation_id, min(kind) as kind, count(*)::int as n,
           (array_agg(id order by ord desc))[1] as last_id,
           (array_agg(sender_id order by ord) filter (where kind = 'outgoing' and sender_type = 'user'))[1]
             as first_replier
      from chk where is_ok group by conversation_id
  ),
  ws as (select auto_assign_on_reply from workspaces where id = $1),
  upd as (
    update conversations c set
      unread_by_agents = case u.kind when 'incoming' then c.unread_by_agents + u.n when 'outgoing' then 0
                                     else c.unread_by_agents end,
      unread_by_contact = case when u.kind = 'outgoing' then c.unread_by_contact + u.n else c.unread_by_contact end,
      waiting_since = case u.kind when 'incoming' then coalesce(c.waiting_since, now()) when 'outgoing' then null
                                  else c.waiting_since end,
      status = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
      snoozed_until = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then null
                           else c.snoozed_until end,
      first_reply_at = case when u.kind = 'outgoing' then coalesce(c.first_reply_at, $15) else c.first_reply_at end,
      assignee_id = case when u.kind = 'outgoing' and (select auto_assign_on_reply from ws)
                         then coalesce(c.assignee_id, u.first_replier) else c.assignee_id end,
      last_activity_at = $15,
      last_message_id = case when u.kind in ('incoming', 'outgoing') then u.last_id else c.last_message_id end,
      updated_at = $15
      from grp u
     where c.workspace_id = $1 and c.id = u.conversation_id
    returning c.id, c.workspace_id as "workspaceId", c.inbox_id as "inboxId", c.contact_id as "contactId",
      c.status, c.snoozed_until as "snoozedUntil", c.priority, c.assignee_id as "assigneeId",
      c.team_id as "teamId", c.unread_by_agents as "unreadByAgents", c.unread_by_contact as "unreadByContact",
      c.first_reply_at as "firstReplyAt", c.last_activity_at as "lastActivityAt",
      c.last_message_id as "lastMessageId", c.waiting_since as "waitingSince",
      c.priority_rank as "priorityRank", c.source_page as "sourcePage", c.created_at as "createdAt",
      c.updated_at as "updatedAt",
      (select json_build_object('name', ct.name, 'email', ct.email, 'phone', ct.phone, 'avatarUrl', ct.avatar_url)
         from contacts ct where ct.workspace_id = c.workspace_id and ct.id = c.contact_id) as contact,
      (select json_build_object('name', a.name, 'avatarUrl', a.avatar_url)
         from users a where a.id = c.assignee_id) as assignee,
      coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name)
                  from conversation_labels cl join labels l on l.id = cl.label_id
                 where cl.workspace_id = c.workspace_id and cl.conversation_id = c.id), '[]'::json) as labels
  )
  select (select json_agg(json_build_object('isOk', is_ok, 'isConversationFound', is_found,
                                            'isResolvedClosed', is_resolved_closed,
                                            'isChannelClosed', is_channel_closed,
                                            'contactSender', contact_sender,
                                            'userName', user_name, 'userAvatar', user_avatar) order by ord)
            from chk) as checks,
         (select coalesce(json_agg(ins), '[]'::json) from ins) as inserted,
         (select coalesce(json_agg(upd), '[]'::json) from upd) as updated`;

export type TMessageCheck = {
  isOk: boolean;
  isConversationFound: boolean;
  isResolvedClosed: boolean;
  /** Inbound to an inbox whose channel is disconnected. */
  isChannelClosed: boolean;
  contactSender: string | null;
  userName: string | null;
  userAvatar: string | null;
};

export type TWrittenConversationRow = Omit<
  TConversation,
  'snoozedUntil' | 'firstReplyAt' | 'lastActivityAt' | 'waitingSince' | 'createdAt' | 'updatedAt'
> & {
  snoozedUntil: string | null;
  firstReplyAt: string | null;
  lastActivityAt: string;
  waitingSince: string | null;
  createdAt: string;
  updatedAt: string;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    avatarUrl: string | null;
  } | null;
  assignee: { name: string | null; avatarUrl: string | null } | null;
  labels: { id: string; name: string; color: string }[];
};

/** What the statement returns (one row). */
export type TMessagesResult = {
  checks: TMessageCheck[];
  inserted: { id: string; status: TMessage['status']; createdAt: string }[];
  updated: TWrittenConversationRow[];
};

/** One message of the statement, as its columns. */
export type TMessageStatementRow = {
  id: string;
  conversationId: string;
  kind: string;
  senderType: 'visitor' | 'contact' | 'user' | 'system';
  senderId: string | null;
  visitorId: string | null;
  tokenHash: string | null;
  bodySealed: string;
  language: string | null;
  /** The text, when the workspace keeps search words (never for activity lines). */
  words: string | null;
  externalId: string | null;
  status: string;
};

/** `sendingChannels`: the channels whose replies an outbox job sends (they start as `pending`). */
export function messagesStatement(
  workspaceId: string,
  rows: TMessageStatementRow[],
  sendingChannels: string[],
): TStatement {
  return {
    name: 'parley_messages',
    text: MESSAGES_SQL,
    types: ['text', ...Array.from({ length: 13 }, () => 'text[]'), 'timestamptz', 'text[]'],
    values: [
      workspaceId,
      rows.map((m) => m.id),
      rows.map((m) => m.conversationId),
      rows.map((m) => m.kind),
      rows.map((m) => m.senderType),
      rows.map((m) => m.senderId),
      rows.map((m) => m.visitorId),
      rows.map((m) => m.tokenHash),
      rows.map((m) => m.bodySealed),
      rows.map((m) => m.language),
      rows.map((m) => m.words),
      rows.map((m) => searchConfig(m.language)),
      rows.map((m) => m.externalId),
      rows.map((m) => m.status),
      new Date(),
      sendingChannels,
    ],
  };
}

/** A reply's delivery as its channel reported it. */
export async function setDelivery(
  q: Queryable,
  workspaceId: string,
  messageId: string,
  patch: Partial<Pick<TMessage, 'status' | 'statusReason' | 'externalId'>>,
) {
  await q
    .update(messages)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, messageId)));
}
