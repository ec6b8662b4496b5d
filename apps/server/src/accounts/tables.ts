import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TPreferences } from '../../../../packages/shared/src/api/me.ts';

export { THEMES, type TTheme } from '../../../../packages/shared/src/api/enums.ts';
export type { TPreferences } from '../../../../packages/shared/src/api/me.ts';

export const DEFAULT_PREFERENCES: TPreferences = {
  browserNotifications: true,
  titleBadge: true,
  emailOnMention: true,
  theme: 'system',
};

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    avatarUrl: text('avatar_url'),
    timeZone: text('time_zone').notNull().default('UTC'),
    language: text('language').notNull().default('en'),
    /** How this person wants to be told about new messages and mentions. */
    preferences: jsonb('preferences').$type<TPreferences>().notNull().default(DEFAULT_PREFERENCES),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    workspaceId: text('workspace_id'),
    userAgent: text('user_agent'),
    ip: text('ip'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_id_idx').on(t.userId)],
);

/** One-time links: first-run setup, password reset, sign-in by email. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['setup', 'password_reset', 'sign_in'] }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('one_time_tokens_token_hash_key').on(t.tokenHash)],
);

/**
 * Failed password sign-ins per account, whatever address they come from: after a few, each further
 * attempt waits for a delay that doubles up to a cap. Keyed by the hash of the normalised email, so an
 * address without an account is throttled the same way and the answer reveals nothing.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  emailHash: text('email_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  ...timestamps,
});

export { timestamps };
