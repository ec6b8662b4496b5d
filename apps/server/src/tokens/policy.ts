import { type Ctx, requireRole, type WorkspaceCtx } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';

const MANAGE_TOKENS = 'Only admins and owners can manage API tokens';

export function canManageTokens(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', MANAGE_TOKENS);
}

/** The member a request acts for: the signed-in user, or the creator of the API token. */
export function memberOf(ctx: WorkspaceCtx): string {
  if (ctx.actor.kind === 'user') {
    return ctx.actor.userId;
  }
  if (ctx.actor.kind === 'token') {
    return ctx.actor.createdBy;
  }
  throw forbidden(MANAGE_TOKENS);
}

/** Owners see and revoke every token of the workspace; admins only the tokens they made. */
export function ownTokensOnly(ctx: WorkspaceCtx): string | null {
  return ctx.role === 'owner' ? null : memberOf(ctx);
}
