import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Per-workspace data key for content encryption at rest, wrapped by the installation master key. */
export const workspaceKeys = pgTable('workspace_keys', {
  workspaceId: text('workspace_id').primaryKey(),
  wrappedKey: text('wrapped_key').notNull(),
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
