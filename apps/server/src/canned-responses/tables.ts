import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from '../accounts/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    /** Typed after `/` in the composer. */
    shortcut: text('shortcut').notNull(),
    content: text('content').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('canned_responses_workspace_shortcut_key').on(t.workspaceId, t.shortcut)],
);
