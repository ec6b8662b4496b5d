import { and, asc, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { invitations, memberships, type TRole, workspaces } from './tables.ts';

export type TWorkspace = typeof workspaces.$inferSelect;
export type TMembership = typeof memberships.$inferSelect;
export type TInvitation = typeof invitations.$inferSelect;

export async function insertWorkspace(q: Queryable, name: string): Promise<TWorkspace> {
  const [row] = await q
    .insert(workspaces)
    .values({ id: newId('ws'), name })
    .returning();
  return row!;
}

export async function findWorkspace(q: Queryable, id: string): Promise<TWorkspace | undefined> {
  const [row] = await q.select().from(workspaces).where(eq(workspaces.id, id));
  return row;
}

export async function insertMembership(q: Queryable, workspaceId: string, userId: string, role: TRole) {
  const [row] = await q
    .insert(memberships)
    .values({ id: newId('mem'), workspaceId, userId, role })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** The user's workspaces, oldest membership first. Installation-wide: used to build sessions. */
const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  role: memberships.role,
  createdAt: memberships.createdAt,
  email: users.email,
  name: users.name,
  avatarUrl: users.avatarUrl,
};

export type TMemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export async function listMembers(q: Queryable, workspaceId: string, limit: number, afterId: string | null) {
  return q
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), afterId ? gt(memberships.id, afterId) : undefined))
    .orderBy(asc(memberships.id))
    .limit(limit);
}

export async function findMember(q: Queryable, workspaceId: string, membershipId: string) {
  const [row] = await q
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
  return row;
}

export async function countOwners(q: Queryable, workspaceId: string): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

/** Locks the workspace's owner rows so that two concurrent demotions cannot both pass the last-owner check. */
export async function lockOwners(q: Queryable, workspaceId: string) {
  await q.execute(
    sql`select id from memberships where workspace_id = ${workspaceId} and role = 'owner' for update`,
  );
}

export async function updateMemberRole(q: Queryable, workspaceId: string, membershipId: string, role: TRole) {
  await q
    .update(memberships)
    .set({ role, updatedAt: new Date() })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
}

export async function deleteMember(q: Queryable, workspaceId: string, membershipId: string) {
  await q
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.id, membershipId)));
}

export async function insertInvitation(
  q: Queryable,
  input: Pick<
    TInvitation,
    'workspaceId' | 'email' | 'role' | 'tokenHash' | 'linkSealed' | 'invitedBy' | 'expiresAt'
  >,
): Promise<TInvitation> {
  const [row] = await q
    .insert(invitations)
    .values({ id: newId('inv'), ...input })
    .returning();
  return row!;
}

const pending = (workspaceId: string) =>
  and(
    eq(invitations.workspaceId, workspaceId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, sql`now()`),
  );

export async function listPendingInvitations(
  q: Queryable,
  workspaceId: string,
  limit: number,
  beforeId: string | null,
) {
  return q
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedById: invitations.invitedBy,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(pending(workspaceId), beforeId ? lt(invitations.id, beforeId) : undefined))
    .orderBy(desc(invitations.id))
    .limit(limit);
}

export async function findPendingInvitationByEmail(q: Queryable, workspaceId: string, email: string) {
  const [row] = await q
    .select()
    .from(invitations)
    .where(and(pending(workspaceId), eq(invitations.email, email)));
  return row;
}

export async function findPendingInvitation(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(invitations)
    .where(and(pending(workspaceId), eq(invitations.id, id)));
  return row;
}

/** A new link and expiry for a pending invitation. */
export async function renewInvitation(
  q: Queryable,
  workspaceId: string,
  id: string,
  input: Pick<TInvitation, 'tokenHash' | 'linkSealed' | 'expiresAt'>,
): Promise<TInvitation | undefined> {
  const [row] = await q
    .update(invitations)
    .set({ ...input, updatedAt: new Date() })
    .where(and(pending(workspaceId), eq(invitations.id, id)))
    .returning();
  return row;
}

export async function revokeInvitation(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .update(invitations)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(and(pending(workspaceId), eq(invitations.id, id)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Installation-wide look-up by the secret in the link: the link is the only proof the holder has. */
export async function findPendingInvitationByToken(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select({ invitation: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  return row;
}

export async function markInvitationAccepted(q: Queryable, id: string): Promise<boolean> {
  const rows = await q
    .update(invitations)
    .set({ acceptedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export type TWorkspacePatch = Partial<
  Pick<
    TWorkspace,
    'name' | 'defaultLanguage' | 'defaultTimeZone' | 'autoAssignOnReply' | 'logoSha256' | 'logoContentType'
  >
>;

export async function updateWorkspace(q: Queryable, id: string, patch: TWorkspacePatch): Promise<TWorkspace> {
  const [row] = await q
    .update(workspaces)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(workspaces.id, id))
    .returning();
  return row!;
}
