import { z } from 'zod';
import { LANGUAGES, THEMES } from '../../../../packages/shared/src/api/enums.ts';
import { AVATAR_PATH } from '../files/avatars.ts';
import { ZEmail, ZName, ZPassword, ZToken } from '../platform/schema.ts';

export { ZSessionView, ZSignedInSession, ZUser } from '../../../../packages/shared/src/api/me.ts';
export { LANGUAGES };

const timeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));
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
