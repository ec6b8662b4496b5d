import { and, count, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { oneTimeTokens, sessions, signInThrottles, users } from './tables.ts';

export type TUser = typeof users.$inferSelect;
export type TSession = typeof sessions.$inferSelect;
export type TOneTimeKind = (typeof oneTimeTokens.$inferSelect)['kind'];

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function countUsers(q: Queryable): Promise<number> {
  const [row] = await q.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(q: Queryable, email: string): Promise<TUser | undefined> {
  const [row] = await q
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row;
}

export async function insertUser(
  q: Queryable,
  input: { email: string; name: string; passwordHash: string | null; timeZone?: string; language?: string },
): Promise<TUser> {
  const [row] = await q
    .insert(users)
    .values({ id: newId('usr'), ...input, email: normaliseEmail(input.email) })
    .returning();
  return row!;
}

export async function updateUser(
  q: Queryable,
  id: string,
  patch: Partial<
    Pick<TUser, 'name' | 'avatarUrl' | 'timeZone' | 'language' | 'passwordHash' | 'preferences'>
  >,
): Promise<TUser> {
  const [row] = await q
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function insertSession(
  q: Queryable,
  input: Pick<
    TSession,
    'userId' | 'tokenHash' | 'csrfToken' | 'workspaceId' | 'userAgent' | 'ip' | 'expiresAt'
  >,
): Promise<TSession> {
  const [row] = await q
    .insert(sessions)
    .values({ id: newId('ses'), ...input })
    .returning();
  return row!;
}

export async function findActiveSession(q: Queryable, tokenHash: string): Promise<TSession | undefined> {
  const [row] = await q
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)),
    );
  return row;
}

export async function setSessionWorkspace(q: Queryable, sessionId: string, workspaceId: string | null) {
  await q.update(sessions).set({ workspaceId, updatedAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function touchSession(q: Queryable, sessionId: string) {
  await q.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(q: Queryable, sessionId: string) {
  await q.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
}

/** The user's sessions that are neither revoked nor expired, newest first. */
export async function listActiveSessions(
  q: Queryable,
  userId: string,
  limit: number,
  beforeId: string | null,
) {
  return q
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        beforeId ? lt(sessions.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(sessions.id))
    .limit(limit);
}

/** Revokes one active session of the user; false when the user has no such session. */
export async function revokeSessionOf(q: Queryable, userId: string, sessionId: string): Promise<boolean> {
  const rows = await q
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every session of the user but `keepSessionId` (after a password change or reset, or on request); returns their ids. */
export async function revokeOtherSessions(
  q: Queryable,
  userId: string,
  keepSessionId: string | null,
): Promise<string[]> {
  const where = keepSessionId
    ? and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keepSessionId))
    : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  const rows = await q
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(where)
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function insertOneTimeToken(
  q: Queryable,
  input: { kind: TOneTimeKind; userId: string | null; tokenHash: string; expiresAt: Date },
) {
  await q.insert(oneTimeTokens).values({ id: newId('ott'), ...input });
}

/** Marks a one-time link used and returns it, atomically: a link works once, before it expires. */
export async function consumeOneTimeToken(q: Queryable, kind: TOneTimeKind, tokenHash: string) {
  const [row] = await q
    .update(oneTimeTokens)
    .set({ usedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.kind, kind),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

export type TSignInThrottle = typeof signInThrottles.$inferSelect;

/** The account's throttle row, locked until the transaction ends so parallel attempts queue. */
/**
 * The account's throttle row, locked until the transaction ends. The row is made first when there is
 * none: a lock on a row that does not exist holds nothing, and parallel first guesses would each count
 * as the first.
 */
export async function lockSignInThrottle(
  q: Queryable,
  emailHash: string,
): Promise<TSignInThrottle | undefined> {
  const now = new Date();
  await q
    .insert(signInThrottles)
    .values({ emailHash, failures: 0, blockedUntil: null, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: signInThrottles.emailHash });
  const [row] = await q
    .select()
    .from(signInThrottles)
    .where(eq(signInThrottles.emailHash, emailHash))
    .for('update');
  return row;
}

export async function saveSignInThrottle(
  q: Queryable,
  input: Pick<TSignInThrottle, 'emailHash' | 'failures' | 'blockedUntil'>,
) {
  const now = new Date();
  await q
    .insert(signInThrottles)
    .values({ ...input, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: signInThrottles.emailHash,
      set: { failures: input.failures, blockedUntil: input.blockedUntil, updatedAt: now },
    });
}

export async function clearSignInThrottle(q: Queryable, emailHash: string) {
  await q.delete(signInThrottles).where(eq(signInThrottles.emailHash, emailHash));
}
