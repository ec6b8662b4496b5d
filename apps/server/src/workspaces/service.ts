import {
  createUser,
  findUserByEmail,
  startSession,
  type TClientMeta,
  verifyPassword,
} from '../accounts/service.ts';
import { endSocketsOnCommit } from '../events/service.ts';
import { enqueueMail, linkMail } from '../mail/service.ts';
import { findUserById, membershipRole, workspacesOfUser } from '../members/lookup.ts';
import {
  type Ctx,
  inTransaction,
  inWorkspace,
  requireUser,
  requireWorkspace,
  type TRole,
  type WorkspaceCtx,
} from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import { decodeIdCursor, nextIdCursor } from '../platform/cursor.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { AppError, conflict, notFound, unprocessable } from '../platform/errors.ts';
import { newSecret } from '../platform/ids.ts';
import {
  canChangeMember,
  canCopyInvitationLink,
  canInviteAs,
  canManageMembers,
  lastOwner,
} from './policy.ts';
import { presentInvitation, presentMember } from './presenter.ts';
import * as store from './store.ts';

export const INVITATION_TTL = 7 * 24 * 60 * 60 * 1000;

export async function createWorkspaceWithOwner(q: Queryable, name: string, userId: string) {
  const workspace = await store.insertWorkspace(q, name);
  await store.insertMembership(q, workspace.id, userId, 'owner');
  return workspace;
}

export function listMyWorkspaces(ctx: Ctx) {
  requireUser(ctx);
  return workspacesOfUser(ctx.platform.db, ctx.actor.userId);
}

export async function createWorkspace(ctx: Ctx, name: string) {
  requireUser(ctx);
  const userId = ctx.actor.userId;
  const workspace = await inTransaction(ctx.platform, (tx) => createWorkspaceWithOwner(tx, name, userId));
  return { id: workspace.id, name: workspace.name, role: 'owner' as const };
}

export async function listMembers(ctx: Ctx, page: { limit: number; cursor?: string | undefined }) {
  requireWorkspace(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    store.listMembers(tx, ctx.workspaceId, page.limit + 1, decodeIdCursor(page.cursor)),
  );
  const items = rows.slice(0, page.limit).map((m) => presentMember(ctx, m));
  return { items, nextCursor: nextIdCursor(rows.length > page.limit, items) };
}

async function refuseLastOwner(tx: Queryable, ctx: WorkspaceCtx, message: string) {
  await store.lockOwners(tx, ctx.workspaceId);
  if ((await store.countOwners(tx, ctx.workspaceId)) <= 1) {
    throw lastOwner(message);
  }
}

export async function changeMemberRole(ctx: Ctx, membershipId: string, role: TRole) {
  canManageMembers(ctx);
  return inWorkspace(ctx, async (tx) => {
    const target = await store.findMember(tx, ctx.workspaceId, membershipId);
    if (!target) {
      throw notFound('Member');
    }
    canChangeMember(ctx, target, role);
    if (target.role === 'owner' && role !== 'owner') {
      await refuseLastOwner(
        tx,
        ctx,
        'A workspace needs at least one owner; make someone else an owner first',
      );
    }
    await store.updateMemberRole(tx, ctx.workspaceId, membershipId, role);
    if (role !== target.role) {
      endMemberSockets(tx, ctx.workspaceId, target.userId);
    }
    return presentMember(ctx, { ...target, role });
  });
}

export async function removeMember(ctx: Ctx, membershipId: string) {
  requireWorkspace(ctx);
  await inWorkspace(ctx, async (tx) => {
    const target = await store.findMember(tx, ctx.workspaceId, membershipId);
    if (!target) {
      throw notFound('Member');
    }
    const isSelf = ctx.actor.kind === 'user' && ctx.actor.userId === target.userId;
    if (!isSelf) {
      canManageMembers(ctx);
      canChangeMember(ctx, target);
    }
    if (target.role === 'owner') {
      await refuseLastOwner(
        tx,
        ctx,
        isSelf
          ? 'You are the last owner; make someone else an owner before you leave'
          : 'A workspace needs at least one owner',
      );
    }
    await store.deleteMember(tx, ctx.workspaceId, membershipId);
    await ctx.platform.hooks.emit('member.removed', {
      tx,
      workspaceId: ctx.workspaceId,
      userId: target.userId,
    });
    endMemberSockets(tx, ctx.workspaceId, target.userId);
  });
}

/**
 * The member's rights in the workspace changed or ended: their open sockets there close on every server
 * once the change commits, and their dashboards reconnect with what the session grants now.
 */
function endMemberSockets(tx: Tx, workspaceId: string, userId: string) {
  endSocketsOnCommit(tx, { holders: [{ kind: 'member', workspaceId, userId }], reason: 'rights_changed' });
}

export async function listInvitations(ctx: Ctx, page: { limit: number; cursor?: string | undefined }) {
  canManageMembers(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    store.listPendingInvitations(tx, ctx.workspaceId, page.limit + 1, decodeIdCursor(page.cursor)),
  );
  const items = rows.slice(0, page.limit).map(presentInvitation);
  return { items, nextCursor: nextIdCursor(rows.length > page.limit, items) };
}

export async function inviteMember(ctx: Ctx, input: { email: string; role: TRole }) {
  canManageMembers(ctx);
  canInviteAs(ctx, input.role);
  const inviterId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return inWorkspace(ctx, async (tx) => {
    const existingUser = await findUserByEmail(tx, input.email);
    if (existingUser && (await membershipRole(tx, ctx.workspaceId, existingUser.id))) {
      throw conflict(`${input.email} is already a member of this workspace`);
    }
    // Inviting again replaces the earlier link, so only the newest mail works.
    const earlier = await store.findPendingInvitationByEmail(tx, ctx.workspaceId, input.email);
    if (earlier) {
      await store.revokeInvitation(tx, ctx.workspaceId, earlier.id);
    }
    const link = await newInvitationLink(ctx, tx);
    const invitation = await store.insertInvitation(tx, {
      workspaceId: ctx.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: link.tokenHash,
      linkSealed: link.sealed,
      invitedBy: inviterId,
      expiresAt: new Date(Date.now() + INVITATION_TTL),
    });
    const inviterName = await mailInvitation(ctx, tx, invitation, link.url);
    return presentInvitation({
      ...invitation,
      invitedById: inviterId,
      invitedByName: inviterId ? inviterName : null,
    });
  });
}

/** A fresh secret for an invitation: its hash recognises the link, its sealed copy lets the inviter copy it. */
async function newInvitationLink(ctx: WorkspaceCtx, tx: Queryable) {
  const secret = newSecret();
  const url = `${ctx.platform.config.publicUrl}/app/invite?token=${secret}`;
  return {
    url,
    tokenHash: hashSecret(secret),
    sealed: await ctx.platform.sealer.seal(tx, ctx.workspaceId, url),
  };
}

/** Mails the invitation from the person who sent it; returns the name it was sent in. */
async function mailInvitation(
  ctx: WorkspaceCtx,
  tx: Queryable,
  invitation: { email: string; role: TRole; invitedBy: string | null },
  url: string,
) {
  const workspace = await store.findWorkspace(tx, ctx.workspaceId);
  const inviter = invitation.invitedBy ? await findUserById(tx, invitation.invitedBy) : undefined;
  const inviterName = inviter?.name ?? 'A teammate';
  await enqueueMail(
    ctx.platform,
    tx,
    linkMail({
      to: invitation.email,
      subject: `${inviterName} invited you to ${workspace?.name ?? 'a workspace'} on Parley`,
      intro: `${inviterName} invited you to join ${workspace?.name ?? 'their workspace'} on Parley as ${invitation.role === 'agent' ? 'an agent' : `an ${invitation.role}`}.`,
      action: 'Accept the invitation',
      url,
      outro: 'The invitation expires in 7 days.',
      workspaceId: ctx.workspaceId,
    }),
  );
  return inviterName;
}

async function findPendingInvitation(ctx: WorkspaceCtx, tx: Queryable, id: string) {
  const invitation = await store.findPendingInvitation(tx, ctx.workspaceId, id);
  if (!invitation) {
    throw notFound('Invitation');
  }
  return invitation;
}

/** Mails the invitation again with a new link (the earlier one stops working) and 7 more days. */
export async function resendInvitation(ctx: Ctx, id: string) {
  canManageMembers(ctx);
  return inWorkspace(ctx, async (tx) => {
    const invitation = await findPendingInvitation(ctx, tx, id);
    canInviteAs(ctx, invitation.role);
    const link = await newInvitationLink(ctx, tx);
    const renewed = await store.renewInvitation(tx, ctx.workspaceId, id, {
      tokenHash: link.tokenHash,
      linkSealed: link.sealed,
      expiresAt: new Date(Date.now() + INVITATION_TTL),
    });
    if (!renewed) {
      throw notFound('Invitation');
    }
    const inviterName = await mailInvitation(ctx, tx, renewed, link.url);
    return presentInvitation({
      ...renewed,
      invitedById: renewed.invitedBy,
      invitedByName: renewed.invitedBy ? inviterName : null,
    });
  });
}

/** The link of a pending invitation, for the person who sent it to pass on another way. */
export async function copyInvitationLink(ctx: Ctx, id: string) {
  canManageMembers(ctx);
  return inWorkspace(ctx, async (tx) => {
    const invitation = await findPendingInvitation(ctx, tx, id);
    canCopyInvitationLink(ctx, invitation);
    if (!invitation.linkSealed) {
      throw conflict('This invitation was sent before links could be copied; re-send it to get a link');
    }
    return { url: await ctx.platform.sealer.openText(tx, ctx.workspaceId, invitation.linkSealed) };
  });
}

export async function revokeInvitation(ctx: Ctx, id: string) {
  canManageMembers(ctx);
  const isRevoked = await inWorkspace(ctx, (tx) => store.revokeInvitation(tx, ctx.workspaceId, id));
  if (!isRevoked) {
    throw notFound('Invitation');
  }
}

async function pendingInvitation(q: Queryable, token: string) {
  const found = await store.findPendingInvitationByToken(q, hashSecret(token));
  if (!found) {
    throw unprocessable(
      'This invitation has expired, was revoked or was already accepted; ask for a new one',
    );
  }
  return found;
}

export async function lookupInvitation(ctx: Ctx, token: string) {
  const { invitation, workspaceName } = await pendingInvitation(ctx.platform.db, token);
  const user = await findUserByEmail(ctx.platform.db, invitation.email);
  return {
    email: invitation.email,
    role: invitation.role,
    workspace: { id: invitation.workspaceId, name: workspaceName },
    hasAccount: Boolean(user),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/**
 * Accepting proves the holder owns the invited email (the link was mailed there). An existing account
 * must also prove it is theirs: by being signed in as it, or with its password.
 */
export async function acceptInvitation(
  ctx: Ctx,
  input: { token: string; name?: string | undefined; password?: string | undefined },
  meta: TClientMeta,
) {
  return inTransaction(ctx.platform, async (tx) => {
    const { invitation } = await pendingInvitation(tx, input.token);
    let user = await findUserByEmail(tx, invitation.email);
    if (user) {
      const isSignedInAsUser = ctx.actor?.kind === 'user' && ctx.actor.userId === user.id;
      if (
        !isSignedInAsUser &&
        !(input.password && (await verifyPassword(user.passwordHash, input.password)))
      ) {
        throw new AppError(
          'unauthenticated',
          `Enter the password of your Parley account ${invitation.email}`,
        );
      }
    } else {
      if (!input.name || !input.password) {
        throw new AppError('validation_failed', 'Enter your name and choose a password', {
          issues: [
            ...(input.name ? [] : [{ path: 'body.name', message: 'Enter your name' }]),
            ...(input.password ? [] : [{ path: 'body.password', message: 'Choose a password' }]),
          ],
        });
      }
      const workspace = await store.findWorkspace(tx, invitation.workspaceId);
      user = await createUser(tx, {
        email: invitation.email,
        name: input.name,
        password: input.password,
        ...(workspace ? { timeZone: workspace.defaultTimeZone, language: workspace.defaultLanguage } : {}),
      });
    }
    if (!(await store.markInvitationAccepted(tx, invitation.id))) {
      throw unprocessable('This invitation was already accepted');
    }
    await store.insertMembership(tx, invitation.workspaceId, user.id, invitation.role);
    return startSession(tx, user, invitation.workspaceId, meta);
  });
}

const searchIndexCache = new Map<string, { isAllowed: boolean; at: number }>();

/** Whether the workspace lets Parley index message words for search (cached for a minute). */
export async function isSearchIndexAllowed(q: Queryable, workspaceId: string): Promise<boolean> {
  const cached = searchIndexCache.get(workspaceId);
  if (cached && Date.now() - cached.at < 60_000) {
    return cached.isAllowed;
  }
  const isAllowed = (await store.findWorkspace(q, workspaceId))?.allowSearchIndex ?? false;
  searchIndexCache.set(workspaceId, { isAllowed, at: Date.now() });
  return isAllowed;
}
