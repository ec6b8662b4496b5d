import type { TInvitation as TInvitationView, TMember } from '../../../../packages/shared/src/api/members.ts';
import type { TWorkspaceSettings } from '../../../../packages/shared/src/api/workspace.ts';
import type { WorkspaceCtx } from '../platform/context.ts';
import { memberChangeRefusal } from './policy.ts';
import type { TInvitation, TMemberRow, TWorkspace } from './store.ts';

/** A member as the viewer sees them, with whether the viewer may change their role or remove them. */
export function presentMember(ctx: WorkspaceCtx, m: TMemberRow): TMember {
  return {
    id: m.id,
    userId: m.userId,
    email: m.email,
    name: m.name,
    avatarUrl: m.avatarUrl,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
    canChange: memberChangeRefusal(ctx, m) === null,
  };
}

export function presentInvitation(
  i: Pick<TInvitation, 'id' | 'email' | 'role' | 'expiresAt' | 'createdAt'> & {
    invitedById: string | null;
    invitedByName: string | null;
  },
): TInvitationView {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    invitedBy: i.invitedById ? { id: i.invitedById, name: i.invitedByName ?? '' } : null,
  };
}

export function presentWorkspaceSettings(w: TWorkspace): TWorkspaceSettings {
  return {
    id: w.id,
    name: w.name,
    logoUrl: w.logoSha256 ? `/api/v1/workspaces/${w.id}/logo?v=${w.logoSha256.slice(0, 16)}` : null,
    defaultLanguage: w.defaultLanguage,
    defaultTimeZone: w.defaultTimeZone,
    autoAssignOnReply: w.autoAssignOnReply,
  };
}
