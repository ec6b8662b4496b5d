import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../../packages/shared/src/api/enums.ts';
import { timestamps, users } from '../accounts/tables.ts';

export type { TRole } from '../../../../packages/shared/src/api/enums.ts';
export { ROLES };

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Whether message words may be indexed for search (the index lives beside the sealed text). */
  allowSearchIndex: boolean('allow_search_index').notNull().default(true),
  /** The logo (sha256 of its bytes in the workspace's files, sealed like attachments), when one is set. */
  logoSha256: text('logo_sha256'),
  logoContentType: text('logo_content_type'),
  /** Used where a member has no own choice yet (new members) and for dates shown to no one in particular. */
  defaultLanguage: text('default_language').notNull().default('en'),
  defaultTimeZone: text('default_time_zone').notNull().default('UTC'),
  /** Whether an agent's reply to an unassigned conversation makes them its assignee. */
  autoAssignOnReply: boolean('auto_assign_on_reply').notNull().default(true),
  ...timestamps,
});

/** The `workspace_id` column every tenant table carries; rows go when their workspace goes. */
export const workspaceRef = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const memberships = pgTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('memberships_workspace_user_key').on(t.workspaceId, t.userId),
    index('memberships_user_id_idx').on(t.userId),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The link itself, sealed with the workspace key, so its inviter can copy it again. */
    linkSealed: text('link_sealed'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_workspace_id_idx').on(t.workspaceId),
  ],
);
