// Who someone is and which workspaces they belong to: the reads that accounts, workspaces and the
// features above them all need. It sits below every feature so none of them reaches upward for it;
// the rows belong to accounts (users) and workspaces (memberships), which alone write them.
import { and, asc, eq } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { TRole } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import { memberships, workspaces } from '../workspaces/tables.ts';

export type TUser = typeof users.$inferSelect;

export async function findUserById(q: Queryable, id: string): Promise<TUser | undefined> {
  const [row] = await q.select().from(users).where(eq(users.id, id));
  return row;
}

/** The user's role in the workspace, or null when they are not a member. */
export async function membershipRole(
  q: Queryable,
  workspaceId: string,
  userId: string,
): Promise<TRole | null> {
  const [row] = await q
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** The workspaces the user belongs to, the one they joined first first. */
export function workspacesOfUser(q: Queryable, userId: string) {
  return q
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}
