import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from '../accounts/tables.ts';

/** Mail kept for the developer mailbox when no SMTP server is configured. */
export const devMails = pgTable(
  'dev_mails',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    ...timestamps,
  },
  (t) => [index('dev_mails_to_idx').on(t.to)],
);
