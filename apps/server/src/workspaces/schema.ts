import { z } from 'zod';
import { ZLanguage, ZTimeZone } from '../accounts/schema.ts';
import { page, ZEmail, ZName, ZPassword, ZRole, ZToken } from '../platform/schema.ts';

export const ZWorkspaceSummary = z
  .object({ id: z.string(), name: z.string(), role: ZRole })
  .meta({ id: 'WorkspaceSummary' });
export const ZCreateWorkspace = z.strictObject({ name: ZName });

export const ZMember = z
  .object({
    id: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    role: ZRole,
    createdAt: z.string(),
    /** Whether the requesting member may change this member's role or remove them. */
    canChange: z.boolean(),
  })
  .meta({ id: 'Member' });
export const ZMemberPage = page(ZMember);
export const ZUpdateMember = z.strictObject({ role: ZRole });

export const ZInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: ZRole,
    expiresAt: z.string(),
    createdAt: z.string(),
    invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Invitation' });
export const ZInvitationPage = page(ZInvitation);
export const ZInvitationLink = z.object({ url: z.string() }).meta({ id: 'InvitationLink' });
export const ZCreateInvitation = z.strictObject({ email: ZEmail, role: ZRole });
export const ZInvitationLookup = z.object({
  email: z.string(),
  role: ZRole,
  workspace: z.object({ id: z.string(), name: z.string() }),
  hasAccount: z.boolean(),
  expiresAt: z.string(),
});
export const ZAcceptInvitation = z.strictObject({
  token: ZToken,
  name: ZName.optional(),
  password: ZPassword.optional(),
});
export const ZWorkspaceSettings = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Where the dashboard loads the logo from (this server, members only), or null without one. */
    logoUrl: z.string().nullable(),
    defaultLanguage: z.string(),
    defaultTimeZone: z.string(),
    autoAssignOnReply: z.boolean(),
  })
  .meta({ id: 'WorkspaceSettings' });
export const ZUpdateWorkspaceSettings = z.strictObject({
  name: ZName.optional(),
  defaultLanguage: ZLanguage.optional(),
  defaultTimeZone: ZTimeZone.optional(),
  autoAssignOnReply: z.boolean().optional(),
});
export type TUpdateWorkspaceSettings = z.infer<typeof ZUpdateWorkspaceSettings>;
/** `v` names the logo's version so that browsers may cache each one for long. */
export const ZLogoQuery = z.strictObject({ v: z.string().max(64).optional() });
