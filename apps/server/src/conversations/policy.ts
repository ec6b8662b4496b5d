import { type Ctx, requireAgent, type UserCtx, type WorkspaceCtx } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';

/** A file is uploaded by a signed-in agent, who is named as its uploader (an API token is not). */
export function canUploadAttachments(ctx: Ctx): asserts ctx is WorkspaceCtx & UserCtx {
  requireAgent(ctx);
  if (ctx.actor.kind !== 'user') {
    throw forbidden('Uploads need a signed-in agent');
  }
}
