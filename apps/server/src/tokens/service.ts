import { endSocketsOnCommit } from '../events/service.ts';
import { type Ctx, inWorkspace, lowerRole, type Platform } from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import { decodeIdCursor, nextIdCursor } from '../platform/cursor.ts';
import { notFound } from '../platform/errors.ts';
import { newSecret } from '../platform/ids.ts';
import { canManageTokens, memberOf, ownTokensOnly } from './policy.ts';
import * as store from './store.ts';

export const TOKEN_PREFIX = 'plt_';

type TTokenRow = Awaited<ReturnType<typeof store.listActiveApiTokens>>[number];

function presentApiToken(t: TTokenRow) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    createdBy: t.createdById ? { id: t.createdById, name: t.createdByName ?? '' } : null,
  };
}

export async function listApiTokens(ctx: Ctx, page: { limit: number; cursor?: string | undefined }) {
  canManageTokens(ctx);
  const createdBy = ownTokensOnly(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    store.listActiveApiTokens(tx, ctx.workspaceId, createdBy, page.limit + 1, decodeIdCursor(page.cursor)),
  );
  const items = rows.slice(0, page.limit).map(presentApiToken);
  return { items, nextCursor: nextIdCursor(rows.length > page.limit, items) };
}

/**
 * The secret is returned once and stored only as a hash. A token made with a token belongs to the
 * same creator, so the creator's current role caps every token they are behind.
 */
export async function createApiToken(ctx: Ctx, input: { name: string; role: 'admin' | 'agent' }) {
  canManageTokens(ctx);
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const createdBy = memberOf(ctx);
  const row = await inWorkspace(ctx, (tx) =>
    store.insertApiToken(tx, {
      workspaceId: ctx.workspaceId,
      name: input.name,
      role: input.role,
      prefix: token.slice(0, 12),
      tokenHash: hashSecret(token),
      createdBy,
    }),
  );
  return {
    token,
    apiToken: presentApiToken({ ...row, createdById: createdBy, createdByName: null }),
  };
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  canManageTokens(ctx);
  const createdBy = ownTokensOnly(ctx);
  const isRevoked = await inWorkspace(ctx, async (tx) => {
    const revoked = await store.revokeApiToken(tx, ctx.workspaceId, id, createdBy);
    if (revoked) {
      endSocketsOnCommit(tx, { holders: [{ kind: 'api_token', tokenId: id }], reason: 'access_ended' });
    }
    return revoked;
  });
  if (!isRevoked) {
    throw notFound('API token');
  }
}

/**
 * A token works while its creator is a member of its workspace, and never grants more than the
 * creator's current role: the effective role is the lower of the two, read again on every request.
 */
export async function resolveApiToken(platform: Platform, secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) {
    return null;
  }
  const row = await store.findActiveApiTokenByHash(platform.db, hashSecret(secret));
  if (!row) {
    return null;
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await store.touchApiToken(platform.db, row.id);
  }
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    role: lowerRole(row.role, row.creatorRole),
    createdBy: row.createdBy,
  };
}
