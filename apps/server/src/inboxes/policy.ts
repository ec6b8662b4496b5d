import { type Ctx, requireRole, roleAtLeast, type WorkspaceCtx } from '../platform/context.ts';

export function canManageInboxes(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can manage inboxes');
}

/** Admins and owners see an inbox's identity secret; agents see the inbox without it. */
export function seesIdentitySecret(ctx: WorkspaceCtx) {
  return roleAtLeast(ctx.role, 'admin');
}
