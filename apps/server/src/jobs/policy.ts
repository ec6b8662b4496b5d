import { type Ctx, requireRole, type WorkspaceCtx } from '../platform/context.ts';

/** What Parley does or failed to do for the workspace (mail, deliveries) is for admins and owners. */
export function canSeeJobs(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can see background jobs');
}
