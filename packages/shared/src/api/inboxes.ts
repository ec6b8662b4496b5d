import { z } from 'zod';
import { CHANNEL_STATES } from './enums.ts';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');
const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

/** How an inbox's widget looks and behaves; the same shape is written and read. */
export const ZInboxSettings = z.strictObject({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4f46e5'),
  position: z.enum(['right', 'left']),
  greeting: z.string().max(500),
  teamAvailability: z.string().max(200),
  offlineMessage: z.string().max(500),
  preChatForm: z.strictObject({
    enabled: z.boolean(),
    requireName: z.boolean(),
    requireEmail: z.boolean(),
    consentText: z.string().max(1000).nullable(),
  }),
  businessHours: z
    .strictObject({
      timeZone: z.string().refine((tz) => timeZones.has(tz), 'Unknown time zone'),
      /** 0 = Sunday … 6 = Saturday; times are HH:MM in `timeZone`. */
      days: z
        .array(
          z
            .strictObject({ day: z.number().int().min(0).max(6), open: ZTime, close: ZTime })
            .refine((d) => d.open < d.close, 'Opening time must be before closing time'),
        )
        .max(14),
    })
    .nullable(),
  attachments: z.strictObject({ enabled: z.boolean() }),
  /** What a visitor's reply to a resolved conversation does. */
  replyToResolved: z.enum(['reopen', 'new_conversation']),
});
export type TInboxSettings = z.infer<typeof ZInboxSettings>;
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
