// The rules of an inbox's settings, written once: the server validates the API with them and the
// dashboard's inbox form checks its fields with them before saving. The messages are sentences a
// person can act on, shown beside the field.
import { z } from 'zod';

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:00.');
const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

export const ZInboxName = z
  .string()
  .trim()
  .min(1, 'Give the inbox a name.')
  .max(120, 'Use at most 120 characters.');

/** One row of business hours: a day of the week (0 is Sunday) and its opening and closing times. */
export const ZOpeningHours = z
  .strictObject({ day: z.number().int().min(0).max(6), open: ZTime, close: ZTime })
  .refine((row) => row.open < row.close, 'Opening time must be before closing time.');

export const ZBusinessHours = z.strictObject({
  timeZone: z.string().refine((tz) => timeZones.has(tz), 'Unknown time zone'),
  days: z.array(ZOpeningHours).max(14),
});

export const ZInboxSettings = z.strictObject({
  color: z.string().regex(HEX_COLOUR, 'Use a colour like #4f46e5.'),
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
  businessHours: ZBusinessHours.nullable(),
  attachments: z.strictObject({ enabled: z.boolean() }),
  replyToResolved: z.enum(['reopen', 'new_conversation']),
});

export type TInboxSettings = z.infer<typeof ZInboxSettings>;

/** What the inbox settings form saves. */
export const ZInboxForm = z.strictObject({
  name: ZInboxName,
  settings: ZInboxSettings,
  requireIdentityVerification: z.boolean(),
});

export type TInboxForm = z.infer<typeof ZInboxForm>;
