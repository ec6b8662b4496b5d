import { z } from 'zod';
// Relative, not `@parley/shared`: the server bundle leaves packages outside it, and this file is TypeScript.
import { ZInboxName, ZInboxSettings } from '../../../../packages/shared/src/forms/inbox.ts';
import { CHANNEL_STATES } from './tables.ts';

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
  name: ZInboxName,
  settings: ZInboxSettingsPatch.optional(),
  requireIdentityVerification: z.boolean().optional(),
});

export const ZUpdateInbox = z.strictObject({
  name: ZInboxName.optional(),
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
