import { z } from 'zod';
// Relative, not `@parley/shared`: the server bundle leaves packages outside it, and this file is TypeScript.
import {
  type TInboxSettings,
  ZInboxName,
  ZInboxSettings,
} from '../../../../packages/shared/src/forms/inbox.ts';

export { ZInbox } from '../../../../packages/shared/src/api/inboxes.ts';
export { ZInboxSettings };

export const DEFAULT_INBOX_SETTINGS: TInboxSettings = {
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

export const ZConnectChannel = z.strictObject({
  /** The channel's settings (addresses, ids), as its type declares them. */
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Credentials: sealed at rest, never returned. */
  secrets: z.record(z.string(), z.unknown()).optional(),
});
