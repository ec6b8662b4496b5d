import { membershipRole } from '../members/lookup.ts';
import { type Ctx, inWorkspace, requireAgent, type WorkspaceCtx } from '../platform/context.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { canManageTeams } from './policy.ts';
import { presentTeam } from './presenter.ts';
import type { TCreateTeam, TUpdateTeam } from './schema.ts';
import * as store from './store.ts';

export async function listTeams(ctx: Ctx) {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => {
    const teams = await store.listTeams(tx, ctx.workspaceId);
    const members = await store.listTeamMembers(
      tx,
      ctx.workspaceId,
      teams.map((t) => t.id),
    );
    return {
      items: teams.map((team) =>
        presentTeam(
          team,
          members.filter((m) => m.teamId === team.id),
        ),
      ),
    };
  });
}

export async function createTeam(ctx: Ctx, input: TCreateTeam) {
  canManageTeams(ctx);
  const team = await inWorkspace(ctx, (tx) =>
    store.insertTeam(tx, {
      workspaceId: ctx.workspaceId,
      name: input.name,
      description: input.description ?? null,
    }),
  );
  return presentTeam(team, []);
}

export async function updateTeam(ctx: Ctx, id: string, input: TUpdateTeam) {
  canManageTeams(ctx);
  return inWorkspace(ctx, async (tx) => {
    const team = await store.updateTeam(tx, ctx.workspaceId, id, input);
    if (!team) {
      throw notFound('Team');
    }
    return presentTeam(team, await store.listTeamMembers(tx, ctx.workspaceId, [team.id]));
  });
}

export async function deleteTeam(ctx: Ctx, id: string) {
  canManageTeams(ctx);
  if (!(await inWorkspace(ctx, (tx) => store.deleteTeam(tx, ctx.workspaceId, id)))) {
    throw notFound('Team');
  }
}

/** Adding someone who is already on the team changes nothing. */
export async function addTeamMember(ctx: Ctx, teamId: string, userId: string) {
  canManageTeams(ctx);
  return inWorkspace(ctx, async (tx) => {
    const team = await teamOrNotFound(tx, ctx, teamId);
    if (!(await membershipRole(tx, ctx.workspaceId, userId))) {
      throw new AppError('validation_failed', 'The user is not a member of this workspace', {
        issues: [{ path: 'params.userId', message: 'Not a member of this workspace' }],
      });
    }
    await store.addTeamMember(tx, ctx.workspaceId, team.id, userId);
    return presentTeam(team, await store.listTeamMembers(tx, ctx.workspaceId, [team.id]));
  });
}

/** Removing someone who is not on the team changes nothing. */
export async function removeTeamMember(ctx: Ctx, teamId: string, userId: string) {
  canManageTeams(ctx);
  return inWorkspace(ctx, async (tx) => {
    const team = await teamOrNotFound(tx, ctx, teamId);
    await store.removeTeamMember(tx, ctx.workspaceId, team.id, userId);
    return presentTeam(team, await store.listTeamMembers(tx, ctx.workspaceId, [team.id]));
  });
}

async function teamOrNotFound(tx: Tx, ctx: WorkspaceCtx, id: string) {
  const team = await store.findTeam(tx, ctx.workspaceId, id);
  if (!team) {
    throw notFound('Team');
  }
  return team;
}

/** A member who leaves the workspace leaves its teams too. */
export async function removeUserFromTeams(q: Queryable, workspaceId: string, userId: string) {
  await store.deleteTeamMembershipsOfUser(q, workspaceId, userId);
}
