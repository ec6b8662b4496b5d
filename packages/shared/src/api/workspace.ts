import { z } from 'zod';
import { ZRole } from './members.ts';

/** A workspace the signed-in user belongs to, with their role in it. */
export const ZWorkspaceSummary = z
  .object({ id: z.string(), name: z.string(), role: ZRole })
  .meta({ id: 'WorkspaceSummary' });
export type TWorkspaceSummary = z.infer<typeof ZWorkspaceSummary>;

export const ZWorkspaceSettings = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Where the dashboard loads the logo from (this server, members only), or null without one. */
    logoUrl: z.string().nullable(),
    defaultLanguage: z.string(),
    defaultTimeZone: z.string(),
    /** Whether a reply to an unassigned conversation makes the replying agent its assignee. */
    autoAssignOnReply: z.boolean(),
  })
  .meta({ id: 'WorkspaceSettings' });
export type TWorkspaceSettings = z.infer<typeof ZWorkspaceSettings>;
