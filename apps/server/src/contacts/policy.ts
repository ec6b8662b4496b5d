import { type Ctx, requireRole, type WorkspaceCtx } from '../platform/context.ts';

export function canImportContacts(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireRole(ctx, 'admin', 'Only admins and owners can import or export contacts');
}
