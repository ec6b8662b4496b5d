import { z } from 'zod';
import { ZIdParam, ZName } from '../platform/schema.ts';

const ZDescription = z.string().trim().max(500, 'Use at most 500 characters').nullable();

export const ZCreateTeam = z.strictObject({ name: ZName, description: ZDescription.optional() });
export type TCreateTeam = z.infer<typeof ZCreateTeam>;

export const ZUpdateTeam = z.strictObject({
  name: ZName.optional(),
  /** `null` clears the description. */
  description: ZDescription.optional(),
});
export type TUpdateTeam = z.infer<typeof ZUpdateTeam>;

export const ZTeamMemberParams = ZIdParam.extend({ userId: z.string().min(1).max(100) });

export const ZTeamMember = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'TeamMember' });

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
