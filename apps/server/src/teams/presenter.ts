import type { TTeam } from './schema.ts';
import type { TTeamMemberRow, TTeamRow } from './store.ts';

export function presentTeam(team: TTeamRow, members: TTeamMemberRow[]): TTeam {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    members: members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, avatarUrl: m.avatarUrl })),
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}
