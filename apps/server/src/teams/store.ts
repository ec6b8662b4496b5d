import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { teams } from './tables.ts';

export async function findTeam(q: Queryable, workspaceId: string, id: string) {
  const [row] = await q
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  return row;
}
