import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { apiTokens } from './tables.ts';

export type TApiToken = typeof apiTokens.$inferSelect;

export async function insertApiToken(
  q: Queryable,
  input: Pick<TApiToken, 'workspaceId' | 'name' | 'role' | 'prefix' | 'tokenHash' | 'createdBy'>,
): Promise<TApiToken> {
  const [row] = await q
    .insert(apiTokens)
    .values({ id: newId('tok'), ...input })
    .returning();
  return row!;
}

export async function listActiveApiTokens(
  q: Queryable,
  workspaceId: string,
  limit: number,
  beforeId: string | null,
) {
  return q
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdById: apiTokens.createdBy,
      createdByName: users.name,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(
      and(
        eq(apiTokens.workspaceId, workspaceId),
        isNull(apiTokens.revokedAt),
        beforeId ? lt(apiTokens.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.id))
    .limit(limit);
}

export async function revokeApiToken(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await q
    .update(apiTokens)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Installation-wide look-up by hash: the token itself says which workspace it belongs to. */
export async function findActiveApiTokenByHash(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchApiToken(q: Queryable, id: string) {
  await q.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
