import { z } from 'zod';
import { AVATAR_PATH } from '../files/avatars.ts';
import { ZEmail, ZName, ZPassword, ZRole, ZToken } from '../platform/schema.ts';
import { THEMES } from './tables.ts';

const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'nl'] as const;
export const ZTimeZone = z.string().refine((tz) => timeZones.has(tz), 'Unknown time zone');
export const ZLanguage = z.enum(LANGUAGES);

export const ZSetup = z.strictObject({
  token: ZToken,
  name: ZName,
  email: ZEmail,
  password: ZPassword,
  workspaceName: ZName,
});
export type TSetup = z.infer<typeof ZSetup>;

export const ZSignIn = z.strictObject({ email: ZEmail, password: z.string().min(1).max(256) });
export const ZEmailOnly = z.strictObject({ email: ZEmail });
export const ZTokenOnly = z.strictObject({ token: ZToken });
export const ZResetConfirm = z.strictObject({ token: ZToken, password: ZPassword });
export const ZSwitchWorkspace = z.strictObject({ workspaceId: z.string().min(1).max(100) });

export const ZProfilePatch = z.strictObject({
  name: ZName.optional(),
  // Pictures are uploaded (PUT /api/v1/me/avatar) and served by Parley; an outside URL is refused.
  avatarUrl: z.string().regex(AVATAR_PATH, 'Upload a picture instead of giving a URL').nullable().optional(),
  timeZone: z
    .string()
    .refine((tz) => timeZones.has(tz), 'Unknown time zone')
    .optional(),
  language: z.enum(LANGUAGES).optional(),
  preferences: z
    .strictObject({
      browserNotifications: z.boolean().optional(),
      titleBadge: z.boolean().optional(),
      emailOnMention: z.boolean().optional(),
      theme: z.enum(THEMES).optional(),
    })
    .optional(),
});
export type TProfilePatch = z.infer<typeof ZProfilePatch>;

export const ZChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZPassword,
});

export const ZUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    timeZone: z.string(),
    language: z.string(),
    preferences: z.object({
      browserNotifications: z.boolean(),
      titleBadge: z.boolean(),
      emailOnMention: z.boolean(),
      theme: z.enum(THEMES),
    }),
  })
  .meta({ id: 'User' });

export const ZSessionView = z
  .object({
    user: ZUser,
    workspace: z.object({ id: z.string(), name: z.string() }).nullable(),
    role: ZRole.nullable(),
    workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: ZRole })),
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });

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
