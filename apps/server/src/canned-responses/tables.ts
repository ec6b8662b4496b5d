import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from '../accounts/tables.ts';
import { workspaces } from '../workspaces/tables.ts';

export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Typed after `/` in the composer. */
    shortcut: text('shortcut').notNull(),
    content: text('content').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('canned_responses_workspace_shortcut_key').on(t.workspaceId, t.shortcut)],
);
