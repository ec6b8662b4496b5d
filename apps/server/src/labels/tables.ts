import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from '../accounts/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

export const labels = pgTable(
  'labels',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    description: text('description'),
    ...timestamps,
  },
  // Unique ignoring case: "billing" and "Billing" would be two labels no agent could tell apart.
  (t) => [uniqueIndex('labels_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`)],
);
