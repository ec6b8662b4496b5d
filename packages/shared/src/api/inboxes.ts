import { z } from 'zod';
import { type TInboxSettings, ZInboxSettings } from '../forms/inbox.ts';
import { CHANNEL_STATES } from './enums.ts';

/** How an inbox's widget looks and behaves; the same shape is written and read (rules in forms/inbox.ts). */
export { type TInboxSettings, ZInboxSettings };

export type TBusinessHours = NonNullable<TInboxSettings['businessHours']>;

export const ZInbox = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The channel's type: `website` today; email, SMS and others as they register. */
    channel: z.string(),
    widgetKey: z.string(),
    settings: ZInboxSettings,
    requireIdentityVerification: z.boolean(),
    /** Only admins and owners receive the secret. */
    identitySecret: z.string().nullable(),
    snippet: z.string(),
    /** Whether the channel takes messages in and sends replies out, and its last error. */
    channelState: z.object({
      state: z.enum(CHANNEL_STATES),
      lastError: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'Inbox' });
export type TInbox = z.infer<typeof ZInbox>;
