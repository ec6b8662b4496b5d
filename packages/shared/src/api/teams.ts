import { z } from 'zod';

export const ZTeamMember = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'TeamMember' });
export type TTeamMember = z.infer<typeof ZTeamMember>;

export const ZTeam = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    members: z.array(ZTeamMember),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Team' });
export type TTeam = z.infer<typeof ZTeam>;
