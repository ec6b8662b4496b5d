import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps, users } from '../accounts/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    description: text('description'),
    ...timestamps,
  },
  (t) => [index('teams_workspace_id_idx').on(t.workspaceId)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: workspaceRef(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);
