import { type Ctx, requireRole, type WorkspaceCtx } from '../platform/context.ts';

/** Connecting and disconnecting a channel changes what reaches the whole team: admins and owners. */
export function requireManageChannels(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can connect or disconnect a channel');
}
