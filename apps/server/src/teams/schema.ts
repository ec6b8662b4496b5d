import { z } from 'zod';
import { ZIdParam, ZName } from '../platform/schema.ts';

export { type TTeam, ZTeam, ZTeamMember } from '../../../../packages/shared/src/api/teams.ts';

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
