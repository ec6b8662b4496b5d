import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  MESSAGE_KINDS,
  PRIORITIES,
} from '../../../../packages/shared/src/api/enums.ts';
import { timestamps, users } from '../accounts/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { inboxes } from '../inboxes/tables.ts';
import { labels } from '../labels/tables.ts';
import { teams } from '../teams/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

export { CONVERSATION_STATUSES, DELIVERY_STATUSES, MESSAGE_KINDS, PRIORITIES };

/** PostgreSQL full-text search vector (built from the plaintext before it is sealed). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    inboxId: text('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('none'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Messages from the contact that no agent has read yet. */
    unreadByAgents: integer('unread_by_agents').notNull().default(0),
    /** Replies the contact has not read yet (the widget's unread badge). */
    unreadByContact: integer('unread_by_contact').notNull().default(0),
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageId: text('last_message_id'),
    /** When the contact started waiting for an answer (their first unanswered message); null when answered. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    /** 0 (none) … 4 (urgent): priority as a number to sort by. */
    priorityRank: smallint('priority_rank')
      .notNull()
      .generatedAlwaysAs(
        sql`case priority when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`,
      ),
    sourcePage: text('source_page'),
    ...timestamps,
  },
  (t) => [
    index('conversations_workspace_activity_idx').on(t.workspaceId, t.lastActivityAt, t.id),
    index('conversations_workspace_status_activity_idx').on(t.workspaceId, t.status, t.lastActivityAt),
    index('conversations_contact_idx').on(t.contactId, t.lastActivityAt),
    index('conversations_workspace_assignee_idx').on(t.workspaceId, t.assigneeId, t.status, t.lastActivityAt),
    index('conversations_workspace_waiting_idx').on(t.workspaceId, t.status, t.waitingSince),
    index('conversations_workspace_priority_idx').on(
      t.workspaceId,
      t.status,
      t.priorityRank,
      t.lastActivityAt,
    ),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** The text, sealed with the workspace key (encryption at rest). */
    bodySealed: text('body_sealed').notNull(),
    senderType: text('sender_type', { enum: ['contact', 'user', 'system'] }).notNull(),
    senderId: text('sender_id'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('sent'),
    /** The channel's own id for the message, prefixed with the inbox's id: stored once per id. */
    externalId: text('external_id'),
    /** Why delivery failed, in words a person can act on. */
    statusReason: text('status_reason'),
    language: text('language'),
    /** Words of the text for search, when the workspace allows a search index (see search/). */
    searchVector: tsvector('search_vector'),
    ...timestamps,
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id),
    uniqueIndex('messages_external_id_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    /** Null until the attachment is sent with a message. */
    messageId: text('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** Who uploaded it: a visitor's contact or an agent; only they may attach it to a message. */
    uploaderType: text('uploader_type', { enum: ['contact', 'user'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** sha256 of the plaintext bytes: the file's name on disk within the workspace (content-addressed). */
    sha256: text('sha256').notNull(),
    ...timestamps,
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
);

export const conversationLabels = pgTable(
  'conversation_labels',
  {
    workspaceId: workspaceRef(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    labelId: text('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    index('conversation_labels_label_idx').on(t.workspaceId, t.labelId, t.conversationId),
  ],
);
