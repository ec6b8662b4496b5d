import { type Ctx, requireRole, type WorkspaceCtx } from '../platform/context.ts';

export function canManageTeams(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can manage teams');
}
