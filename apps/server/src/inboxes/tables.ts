import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { CHANNEL_STATES, INBOX_CHANNELS } from '../../../../packages/shared/src/api/enums.ts';
import type { TBusinessHours, TInboxSettings } from '../../../../packages/shared/src/api/inboxes.ts';
import { timestamps } from '../accounts/tables.ts';
import { workspaceRef } from '../workspaces/tables.ts';

export type { TBusinessHours, TInboxSettings };
export { CHANNEL_STATES, INBOX_CHANNELS };

export const inboxes = pgTable(
  'inboxes',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    channel: text('channel', { enum: INBOX_CHANNELS }).notNull(),
    /** Public key in the installation snippet; identifies the inbox, grants nothing by itself. */
    widgetKey: text('widget_key').notNull(),
    settings: jsonb('settings').$type<TInboxSettings>().notNull(),
    requireIdentityVerification: boolean('require_identity_verification').notNull().default(false),
    /** HMAC secret for identity verification, sealed with the workspace key. */
    identitySecretSealed: text('identity_secret_sealed').notNull(),
    /** Disconnected: inbound refused, outbound paused (replies wait as pending until it reconnects). */
    channelState: text('channel_state', { enum: CHANNEL_STATES }).notNull().default('connected'),
    /** The channel's settings that are not secret (addresses, ids), as the channel declares them. */
    channelSettings: jsonb('channel_settings').$type<Record<string, unknown>>().notNull().default({}),
    /** The channel's credentials, as JSON sealed with the workspace key; never returned. */
    channelSecretsSealed: text('channel_secrets_sealed'),
    /** The last delivery or connection error, for the inbox settings. */
    channelError: text('channel_error'),
    channelErrorAt: timestamp('channel_error_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('inboxes_widget_key_key').on(t.widgetKey),
    index('inboxes_workspace_id_idx').on(t.workspaceId),
  ],
);
