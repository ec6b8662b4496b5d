import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { users } from '../accounts/tables.ts';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { memberships } from '../workspaces/tables.ts';
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

/** The workspace's active tokens, newest first; only those made by `createdBy` when it is given. */
export async function listActiveApiTokens(
  q: Queryable,
  workspaceId: string,
  createdBy: string | null,
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
        createdBy ? eq(apiTokens.createdBy, createdBy) : undefined,
        beforeId ? lt(apiTokens.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.id))
    .limit(limit);
}

/** Revokes one active token; only one made by `createdBy` when it is given. */
export async function revokeApiToken(
  q: Queryable,
  workspaceId: string,
  id: string,
  createdBy: string | null,
): Promise<boolean> {
  const rows = await q
    .update(apiTokens)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(apiTokens.workspaceId, workspaceId),
        eq(apiTokens.id, id),
        isNull(apiTokens.revokedAt),
        createdBy ? eq(apiTokens.createdBy, createdBy) : undefined,
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * Installation-wide look-up by hash: the token itself says which workspace it belongs to. Only a token
 * whose creator is still a member is found, with that member's current role.
 */
export async function findActiveApiTokenByHash(q: Queryable, tokenHash: string) {
  const [row] = await q
    .select({
      id: apiTokens.id,
      workspaceId: apiTokens.workspaceId,
      role: apiTokens.role,
      createdBy: memberships.userId,
      creatorRole: memberships.role,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(
      memberships,
      and(eq(memberships.workspaceId, apiTokens.workspaceId), eq(memberships.userId, apiTokens.createdBy)),
    )
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchApiToken(q: Queryable, id: string) {
  await q.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
