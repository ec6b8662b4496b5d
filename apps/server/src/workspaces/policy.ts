import {
  type Ctx,
  requireRole,
  requireUser,
  roleAtLeast,
  type TRole,
  type WorkspaceCtx,
} from '../platform/context.ts';
import { AppError, forbidden } from '../platform/errors.ts';

export const MANAGE_MEMBERS = 'Only admins and owners can manage members and invitations';

export function canManageWorkspace(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can change the workspace settings');
}

export function canManageMembers(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', MANAGE_MEMBERS);
}

/**
 * Why the viewer may not change (or remove) this member, or given this role, or null when they may.
 * Admins manage agents and admins; only owners touch owners. Nobody gives a role above their own.
 */
export function memberChangeRefusal(ctx: WorkspaceCtx, target: { role: TRole }, newRole?: TRole) {
  if (!roleAtLeast(ctx.role, 'admin')) {
    return MANAGE_MEMBERS;
  }
  if (!roleAtLeast(ctx.role, target.role)) {
    return target.role === 'owner'
      ? 'Only owners can change or remove an owner'
      : 'You cannot change someone whose role is above your own';
  }
  if (newRole && !roleAtLeast(ctx.role, newRole)) {
    return newRole === 'owner'
      ? 'Only owners can make someone an owner'
      : 'You cannot give someone a role above your own';
  }
  return null;
}

export function canChangeMember(ctx: WorkspaceCtx, target: { role: TRole }, newRole?: TRole) {
  const refusal = memberChangeRefusal(ctx, target, newRole);
  if (refusal) {
    throw forbidden(refusal);
  }
}

/** Nobody invites (or re-sends or copies an invitation) with a role above their own. */
export function canInviteAs(ctx: WorkspaceCtx, role: TRole) {
  if (!roleAtLeast(ctx.role, role)) {
    throw forbidden(
      role === 'owner' ? 'Only owners can invite an owner' : 'You cannot invite with a role above your own',
    );
  }
}

/**
 * An invitation's link is a credential for the role it carries, so only the person who sent it may
 * copy it (owners included: they can re-send someone else's invitation to its address instead).
 */
export function canCopyInvitationLink(
  ctx: WorkspaceCtx,
  invitation: { invitedBy: string | null; role: TRole },
) {
  requireUser(ctx);
  if (invitation.invitedBy !== ctx.actor.userId) {
    throw forbidden(
      'Only the person who sent this invitation can copy its link; re-send it to mail the link again',
    );
  }
  canInviteAs(ctx, invitation.role);
}

/** The last owner cannot leave or be demoted: a workspace always has an owner. */
export function lastOwner(message: string) {
  return new AppError('last_owner', message);
}
