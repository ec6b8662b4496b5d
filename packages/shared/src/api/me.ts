import { z } from 'zod';
import { THEMES } from './enums.ts';
import { ZRole } from './members.ts';

/** How Parley gets a teammate's attention. */
export const ZPreferences = z.object({
  /** A desktop notification for a new message or a mention while the tab is in the background. */
  browserNotifications: z.boolean(),
  /** The count of those in the tab's title, e.g. "(3) Parley". */
  titleBadge: z.boolean(),
  emailOnMention: z.boolean(),
  theme: z.enum(THEMES),
});
export type TPreferences = z.infer<typeof ZPreferences>;

export const ZUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    timeZone: z.string(),
    language: z.string(),
    preferences: ZPreferences,
  })
  .meta({ id: 'User' });
export type TUser = z.infer<typeof ZUser>;

/** Who is signed in, where, and the CSRF token the dashboard sends with every write. */
export const ZSessionView = z
  .object({
    user: ZUser,
    workspace: z.object({ id: z.string(), name: z.string() }).nullable(),
    role: ZRole.nullable(),
    workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: ZRole })),
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });
export type TSessionView = z.infer<typeof ZSessionView>;

/** One of the signed-in user's sessions: a browser on a device. */
export const ZSignedInSession = z
  .object({
    id: z.string(),
    browser: z.string().nullable().describe('Browser name and major version, from the user agent'),
    os: z.string().nullable().describe('Operating system, from the user agent'),
    device: z.string().nullable().describe('Device maker and model when the user agent names them'),
    deviceType: z.string().describe('desktop, mobile, tablet, …'),
    ip: z.string().nullable().describe('The address the session signed in from'),
    createdAt: z.string(),
    lastUsedAt: z.string().describe('Updated at most every five minutes'),
    isCurrent: z.boolean().describe('The session making this request'),
  })
  .meta({ id: 'SignedInSession' });
export type TSignedInSession = z.infer<typeof ZSignedInSession>;

export const ZSetupStatus = z.object({ needsSetup: z.boolean() });
export type TSetupStatus = z.infer<typeof ZSetupStatus>;
