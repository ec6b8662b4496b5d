import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, users } from '../accounts/tables.ts';
import { inboxes } from '../inboxes/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

/** A custom attribute's value in a change; null removes the attribute, so a contact never holds one. */
export type TAttributeValue = string | number | boolean | null;

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    /** The business's own user id, set by `identify`. */
    externalId: text('external_id'),
    /** True once an identify call carried a valid identity-verification hash. */
    isVerified: boolean('is_verified').notNull().default(false),
    avatarUrl: text('avatar_url'),
    attributes: jsonb('attributes')
      .$type<Record<string, NonNullable<TAttributeValue>>>()
      .notNull()
      .default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
    timeZone: text('time_zone'),
    language: text('language'),
    currentPage: text('current_page'),
    ...timestamps,
  },
  (t) => [
    index('contacts_workspace_id_idx').on(t.workspaceId, t.id),
    uniqueIndex('contacts_workspace_external_id_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`external_id is not null`),
    index('contacts_workspace_email_idx').on(t.workspaceId, t.email),
  ],
);

/** A browser's anonymous visitor token (stored hashed), bound to one contact through one inbox. */
export const visitors = pgTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    inboxId: text('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('visitors_token_hash_key').on(t.tokenHash),
    index('visitors_contact_id_idx').on(t.contactId),
  ],
);

export const pageViews = pgTable(
  'page_views',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title'),
    referrer: text('referrer'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer('duration_ms').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('page_views_workspace_started_idx').on(t.workspaceId, t.startedAt),
    index('page_views_contact_idx').on(t.contactId),
  ],
);

/** Notes the team keeps about a contact (sealed like messages). */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    bodySealed: text('body_sealed').notNull(),
    ...timestamps,
  },
  (t) => [index('contact_notes_contact_idx').on(t.workspaceId, t.contactId, t.id)],
);
