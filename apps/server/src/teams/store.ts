import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { memberships } from '../workspaces/tables.ts';
import { teamMembers, teams } from './tables.ts';

export type TTeamRow = typeof teams.$inferSelect;
export type TTeamMemberRow = Awaited<ReturnType<typeof listTeamMembers>>[number];

export async function findTeam(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  return row;
}

export async function listTeams(q: Queryable, workspaceId: string): Promise<TTeamRow[]> {
  return q
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(sql`lower(${teams.name})`, asc(teams.name), asc(teams.id));
}

/**
 * Members of the given teams, by name. Leaving a workspace does not touch its teams, so a former
 * member may still have a `team_members` row: the join on memberships leaves them out.
 */
export async function listTeamMembers(q: Queryable, workspaceId: string, teamIds: string[]) {
  if (teamIds.length === 0) {
    return [];
  }
  return q
    .select({
      teamId: teamMembers.teamId,
      userId: users.id,
      name: users.name,
      email: users.email,
      avatarUrl: users.avatarUrl,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, teamMembers.workspaceId), eq(memberships.userId, teamMembers.userId)),
    )
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.teamId, teamIds)))
    .orderBy(sql`lower(${users.name})`, asc(users.id));
}

export async function insertTeam(
  q: Queryable,
  input: Pick<TTeamRow, 'workspaceId' | 'name' | 'description'>,
): Promise<TTeamRow> {
  const [row] = await q
    .insert(teams)
    .values({ id: newId('team'), ...input })
    .returning();
  return row!;
}

export async function updateTeam(
  q: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<TTeamRow, 'name' | 'description'>>,
): Promise<TTeamRow | undefined> {
  const [row] = await q
    .update(teams)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
    .returning();
  return row;
}

/** Members go with the team (foreign key on delete cascade); conversations keep no team (set null). */
export async function deleteTeam(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return rows.length > 0;
}

export async function addTeamMember(q: Queryable, workspaceId: string, teamId: string, userId: string) {
  await q.insert(teamMembers).values({ workspaceId, teamId, userId }).onConflictDoNothing();
}

export async function removeTeamMember(q: Queryable, workspaceId: string, teamId: string, userId: string) {
  await q
    .delete(teamMembers)
    .where(
      and(
        eq(teamMembers.workspaceId, workspaceId),
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.userId, userId),
      ),
    );
}

export async function deleteTeamMembershipsOfUser(q: Queryable, workspaceId: string, userId: string) {
  await q
    .delete(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.userId, userId)));
}
