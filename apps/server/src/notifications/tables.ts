import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

/** In-app notifications for a teammate (this release: @mentions in private notes). */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['mention'] }).notNull(),
    conversationId: text('conversation_id').notNull(),
    messageId: text('message_id').notNull(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.id),
    index('notifications_conversation_idx').on(t.workspaceId, t.userId, t.conversationId),
  ],
);
