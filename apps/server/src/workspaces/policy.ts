import { type Ctx, requireRole, type TRole, type WorkspaceCtx } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';

export const MANAGE_MEMBERS = 'Only admins and owners can manage members and invitations';

export function canManageMembers(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', MANAGE_MEMBERS);
}

/** Admins manage agents and admins; only owners touch owners or make new ones. */
export function canChangeMember(ctx: WorkspaceCtx, target: { role: TRole }, newRole?: TRole) {
  if (target.role === 'owner' && ctx.role !== 'owner') {
    throw forbidden('Only owners can change or remove an owner');
  }
  if (newRole === 'owner' && ctx.role !== 'owner') {
    throw forbidden('Only owners can make someone an owner');
  }
}

export function canInviteAs(ctx: WorkspaceCtx, role: TRole) {
  if (role === 'owner' && ctx.role !== 'owner') {
    throw forbidden('Only owners can invite an owner');
  }
}
