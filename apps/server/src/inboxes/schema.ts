import { z } from 'zod';
import { ZName } from '../platform/schema.ts';
import { CHANNEL_STATES } from './tables.ts';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');
const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

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
  replyToResolved: z.enum(['reopen', 'new_conversation']),
});

export const DEFAULT_INBOX_SETTINGS: z.infer<typeof ZInboxSettings> = {
  color: '#4f46e5',
  position: 'right',
  greeting: 'Hi there! Ask us anything, we are happy to help.',
  teamAvailability: 'We typically reply in a few minutes.',
  offlineMessage: 'We are away right now. Leave your email and we will get back to you.',
  preChatForm: { enabled: false, requireName: false, requireEmail: true, consentText: null },
  businessHours: null,
  attachments: { enabled: true },
  replyToResolved: 'reopen',
};

/** A settings change: any field, and any part of the nested groups. */
export const ZInboxSettingsPatch = ZInboxSettings.extend({
  preChatForm: ZInboxSettings.shape.preChatForm.partial(),
  attachments: ZInboxSettings.shape.attachments.partial(),
}).partial();

export const ZCreateInbox = z.strictObject({
  name: ZName,
  settings: ZInboxSettingsPatch.optional(),
  requireIdentityVerification: z.boolean().optional(),
});

export const ZUpdateInbox = z.strictObject({
  name: ZName.optional(),
  settings: ZInboxSettingsPatch.optional(),
  requireIdentityVerification: z.boolean().optional(),
  rotateIdentitySecret: z.literal(true).optional(),
});

export const ZInbox = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The channel's type: `website` today; email, SMS and others as they are added. */
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

export const ZConnectChannel = z.strictObject({
  /** The channel's settings (addresses, ids), as its type declares them. */
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Credentials: sealed at rest, never returned. */
  secrets: z.record(z.string(), z.unknown()).optional(),
});
