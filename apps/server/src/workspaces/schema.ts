import { z } from 'zod';
import { ZInvitation, ZMember } from '../../../../packages/shared/src/api/members.ts';
import { ZLanguage, ZTimeZone } from '../accounts/schema.ts';
import { page, ZEmail, ZName, ZPassword, ZRole, ZToken } from '../platform/schema.ts';

export { ZInvitationLink, ZInvitationLookup } from '../../../../packages/shared/src/api/members.ts';
export { ZWorkspaceSettings, ZWorkspaceSummary } from '../../../../packages/shared/src/api/workspace.ts';
export { ZInvitation, ZMember };

export const ZCreateWorkspace = z.strictObject({ name: ZName });

export const ZMemberPage = page(ZMember);
export const ZUpdateMember = z.strictObject({ role: ZRole });

export const ZInvitationPage = page(ZInvitation);
export const ZCreateInvitation = z.strictObject({ email: ZEmail, role: ZRole });
export const ZAcceptInvitation = z.strictObject({
  token: ZToken,
  name: ZName.optional(),
  password: ZPassword.optional(),
});
export const ZUpdateWorkspaceSettings = z.strictObject({
  name: ZName.optional(),
  defaultLanguage: ZLanguage.optional(),
  defaultTimeZone: ZTimeZone.optional(),
  autoAssignOnReply: z.boolean().optional(),
});
export type TUpdateWorkspaceSettings = z.infer<typeof ZUpdateWorkspaceSettings>;
/** `v` names the logo's version so that browsers may cache each one for long. */
export const ZLogoQuery = z.strictObject({ v: z.string().max(64).optional() });
