import { z } from 'zod';
import { ROLES } from './enums.ts';

export const ZRole = z.enum(ROLES);

/** A member as the viewer sees them, with whether the viewer may change their role or remove them. */
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
export type TMember = z.infer<typeof ZMember>;

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
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZInvitationLink = z.object({ url: z.string() }).meta({ id: 'InvitationLink' });
export type TInvitationLink = z.infer<typeof ZInvitationLink>;

/** What the person holding an invitation link learns before accepting it. */
export const ZInvitationLookup = z.object({
  email: z.string(),
  role: ZRole,
  workspace: z.object({ id: z.string(), name: z.string() }),
  hasAccount: z.boolean(),
  expiresAt: z.string(),
});
export type TInvitationLookup = z.infer<typeof ZInvitationLookup>;
