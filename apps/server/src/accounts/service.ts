import { endSocketsOnCommit } from '../events/service.ts';
import { storeAvatar } from '../files/avatars.ts';
import { enqueueMail, linkMail } from '../mail/service.ts';
import { findUserById, membershipRole, workspacesOfUser } from '../members/lookup.ts';
import { type Ctx, inTransaction, type Platform, requireUser, type TRole } from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import { decodeIdCursor, nextIdCursor } from '../platform/cursor.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { AppError, conflict, notFound, unauthenticated, unprocessable } from '../platform/errors.ts';
import { newSecret } from '../platform/ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { presentSession, presentUser } from './presenter.ts';
import type { TProfilePatch, TSetup } from './schema.ts';
import { claimSignInAttempt, clearSignInAttempts } from './sign-in-throttle.ts';
import * as store from './store.ts';
import { DEFAULT_PREFERENCES } from './tables.ts';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_DAYS = 30;
const HOUR = 60 * 60 * 1000;
export const RESET_LINK_TTL = HOUR;
export const SIGN_IN_LINK_TTL = 15 * 60 * 1000;
const SETUP_LINK_TTL = 24 * HOUR;

export type TClientMeta = { userAgent: string | null; ip: string | null };
export type TStartedSession = { secret: string; session: store.TSession; user: store.TUser };

export async function needsSetup(platform: Platform): Promise<boolean> {
  return (await store.countUsers(platform.db)) === 0;
}

/** While no account exists, each start issues a fresh one-time link that creates the owner. */
export async function issueSetupLink(platform: Platform): Promise<string | null> {
  if (!(await needsSetup(platform))) {
    return null;
  }
  const secret = newSecret();
  await store.insertOneTimeToken(platform.db, {
    kind: 'setup',
    userId: null,
    tokenHash: hashSecret(secret),
    expiresAt: new Date(Date.now() + SETUP_LINK_TTL),
  });
  return `${platform.config.publicUrl}/app/setup?token=${secret}`;
}

export async function startSession(
  q: Queryable,
  user: store.TUser,
  workspaceId: string | null,
  meta: TClientMeta,
): Promise<TStartedSession> {
  const secret = newSecret();
  const session = await store.insertSession(q, {
    userId: user.id,
    tokenHash: hashSecret(secret),
    csrfToken: newSecret(),
    workspaceId,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    ip: meta.ip,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * HOUR),
  });
  return { secret, session, user };
}

/** The session's first workspace when it has none yet. */
async function startSessionInFirstWorkspace(q: Queryable, user: store.TUser, meta: TClientMeta) {
  const [first] = await workspacesOfUser(q, user.id);
  return startSession(q, user, first?.id ?? null, meta);
}

export async function completeSetup(
  platform: Platform,
  input: TSetup,
  meta: TClientMeta,
): Promise<TStartedSession> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(platform, async (tx) => {
    const link = await store.consumeOneTimeToken(tx, 'setup', hashSecret(input.token));
    if (!link) {
      throw unprocessable(
        'This setup link has expired or was already used; restart Parley to print a new one',
      );
    }
    if ((await store.countUsers(tx)) > 0) {
      throw conflict('Parley is already set up; sign in instead');
    }
    const user = await store.insertUser(tx, { email: input.email, name: input.name, passwordHash });
    // Its first workspace, with the new account as owner, is made where workspaces are (app.ts).
    await platform.hooks.emit('setup.completed', { tx, userId: user.id, workspaceName: input.workspaceName });
    return startSessionInFirstWorkspace(tx, user, meta);
  });
}

export async function signIn(
  platform: Platform,
  input: { email: string; password: string },
  meta: TClientMeta,
): Promise<TStartedSession> {
  await claimSignInAttempt(platform, input.email);
  const user = await store.findUserByEmail(platform.db, input.email);
  const isValid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !isValid) {
    throw new AppError('unauthenticated', 'Email or password is incorrect');
  }
  await clearSignInAttempts(platform, input.email);
  return startSessionInFirstWorkspace(platform.db, user, meta);
}

export async function signOut(ctx: Ctx) {
  requireUser(ctx);
  const { sessionId } = ctx.actor;
  await inTransaction(ctx.platform, async (tx) => {
    await store.revokeSession(tx, sessionId);
    endSessionSockets(tx, [sessionId]);
  });
}

/** A revoked session's open sockets close on every server once the revocation commits. */
function endSessionSockets(tx: Tx, sessionIds: string[]) {
  endSocketsOnCommit(tx, {
    holders: sessionIds.map((sessionId) => ({ kind: 'session', sessionId })),
    reason: 'access_ended',
  });
}

/** Always succeeds from the caller's point of view, so the answer never reveals whether an account exists. */
export async function requestPasswordReset(platform: Platform, email: string) {
  const user = await store.findUserByEmail(platform.db, email);
  if (!user) {
    platform.log.info('password reset requested for an unknown email');
    return;
  }
  const secret = newSecret();
  await inTransaction(platform, async (tx) => {
    await store.insertOneTimeToken(tx, {
      kind: 'password_reset',
      userId: user.id,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + RESET_LINK_TTL),
    });
    await enqueueMail(
      platform,
      tx,
      linkMail({
        to: user.email,
        subject: 'Reset your Parley password',
        intro: `Hi ${user.name}, someone (hopefully you) asked to reset the password of your Parley account.`,
        action: 'Choose a new password',
        url: `${platform.config.publicUrl}/app/reset-password?token=${secret}`,
        outro: 'The link works once and expires in 1 hour. If you did not ask for it, ignore this mail.',
        workspaceId: null,
      }),
    );
  });
}

export async function confirmPasswordReset(platform: Platform, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  await inTransaction(platform, async (tx) => {
    const link = await store.consumeOneTimeToken(tx, 'password_reset', hashSecret(input.token));
    if (!link?.userId) {
      throw unprocessable('This reset link has expired or was already used; ask for a new one');
    }
    await store.updateUser(tx, link.userId, { passwordHash });
    endSessionSockets(tx, await store.revokeOtherSessions(tx, link.userId, null));
  });
}

export async function requestSignInLink(platform: Platform, email: string) {
  const user = await store.findUserByEmail(platform.db, email);
  if (!user) {
    platform.log.info('sign-in link requested for an unknown email');
    return;
  }
  const secret = newSecret();
  await inTransaction(platform, async (tx) => {
    await store.insertOneTimeToken(tx, {
      kind: 'sign_in',
      userId: user.id,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL),
    });
    await enqueueMail(
      platform,
      tx,
      linkMail({
        to: user.email,
        subject: 'Your Parley sign-in link',
        intro: `Hi ${user.name}, here is the sign-in link you asked for.`,
        action: 'Sign in to Parley',
        url: `${platform.config.publicUrl}/app/sign-in-link?token=${secret}`,
        outro: 'The link works once and expires in 15 minutes. If you did not ask for it, ignore this mail.',
        workspaceId: null,
      }),
    );
  });
}

export async function confirmSignInLink(platform: Platform, token: string, meta: TClientMeta) {
  return inTransaction(platform, async (tx) => {
    const link = await store.consumeOneTimeToken(tx, 'sign_in', hashSecret(token));
    const user = link?.userId ? await findUserById(tx, link.userId) : undefined;
    if (!user) {
      throw unprocessable('This sign-in link has expired or was already used; ask for a new one');
    }
    return startSessionInFirstWorkspace(tx, user, meta);
  });
}

/** Resolves a session cookie to its user and current workspace role (the workspace falls back to the first one). */
export async function resolveSession(platform: Platform, secret: string) {
  const session = await store.findActiveSession(platform.db, hashSecret(secret));
  if (!session) {
    return null;
  }
  let role: TRole | null = null;
  let workspaceId = session.workspaceId;
  if (workspaceId) {
    role = await membershipRole(platform.db, workspaceId, session.userId);
  }
  if (!role) {
    const [first] = await workspacesOfUser(platform.db, session.userId);
    workspaceId = first?.id ?? null;
    role = first?.role ?? null;
    if (workspaceId !== session.workspaceId) {
      await store.setSessionWorkspace(platform.db, session.id, workspaceId);
    }
  }
  if (Date.now() - session.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await store.touchSession(platform.db, session.id);
  }
  return { session: { ...session, workspaceId }, role };
}

export async function sessionView(ctx: Ctx) {
  requireUser(ctx);
  const user = await findUserById(ctx.platform.db, ctx.actor.userId);
  if (!user) {
    throw unauthenticated();
  }
  const workspaces = await workspacesOfUser(ctx.platform.db, user.id);
  const current = workspaces.find((w) => w.id === ctx.workspaceId) ?? null;
  return {
    user: presentUser(user),
    workspace: current ? { id: current.id, name: current.name } : null,
    role: current?.role ?? null,
    workspaces,
    csrfToken: ctx.csrfToken ?? '',
  };
}

export async function switchWorkspace(ctx: Ctx, workspaceId: string) {
  requireUser(ctx);
  const role = await membershipRole(ctx.platform.db, workspaceId, ctx.actor.userId);
  if (!role) {
    throw notFound('Workspace');
  }
  await store.setSessionWorkspace(ctx.platform.db, ctx.actor.sessionId, workspaceId);
  return { ...ctx, workspaceId, role };
}

export async function getProfile(ctx: Ctx) {
  requireUser(ctx);
  const user = await findUserById(ctx.platform.db, ctx.actor.userId);
  if (!user) {
    throw unauthenticated();
  }
  return presentUser(user);
}

export async function updateProfile(ctx: Ctx, patch: TProfilePatch) {
  requireUser(ctx);
  const { preferences, ...rest } = patch;
  const userId = ctx.actor.userId;
  return inTransaction(ctx.platform, async (tx) => {
    const current = await findUserById(tx, userId);
    const next = preferences
      ? { ...DEFAULT_PREFERENCES, ...current?.preferences, ...preferences }
      : undefined;
    return presentUser(
      await store.updateUser(tx, userId, { ...rest, ...(next ? { preferences: next } : {}) }),
    );
  });
}

/** Stores an uploaded picture as the user's avatar (served by Parley, never an outside URL). */
export async function setAvatar(ctx: Ctx, bytes: Buffer) {
  requireUser(ctx);
  const avatarUrl = await storeAvatar(ctx.platform, bytes);
  return presentUser(await store.updateUser(ctx.platform.db, ctx.actor.userId, { avatarUrl }));
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  requireUser(ctx);
  const user = await findUserById(ctx.platform.db, ctx.actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is incorrect', {
      issues: [{ path: 'body.currentPassword', message: 'The current password is incorrect' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.platform, async (tx) => {
    await store.updateUser(tx, user.id, { passwordHash });
    endSessionSockets(tx, await store.revokeOtherSessions(tx, user.id, ctx.actor.sessionId));
  });
}

/** The signed-in user's active sessions, newest first, the one making the request marked. */
export async function listMySessions(ctx: Ctx, page: { limit: number; cursor?: string | undefined }) {
  requireUser(ctx);
  const { userId, sessionId } = ctx.actor;
  const rows = await store.listActiveSessions(
    ctx.platform.db,
    userId,
    page.limit + 1,
    decodeIdCursor(page.cursor),
  );
  const items = rows.slice(0, page.limit).map((row) => presentSession(row, sessionId));
  return { items, nextCursor: nextIdCursor(rows.length > page.limit, items) };
}

/**
 * Signs out one of the user's own sessions; anyone else's, or an unknown one, is not found. Returns
 * whether it was the session making the request.
 */
export async function revokeMySession(ctx: Ctx, id: string): Promise<boolean> {
  requireUser(ctx);
  const { userId, sessionId } = ctx.actor;
  await inTransaction(ctx.platform, async (tx) => {
    if (!(await store.revokeSessionOf(tx, userId, id))) {
      throw notFound('Session');
    }
    endSessionSockets(tx, [id]);
  });
  return id === sessionId;
}

/** Signs out every session of the user but the one making the request. */
export async function revokeMyOtherSessions(ctx: Ctx) {
  requireUser(ctx);
  const { userId, sessionId } = ctx.actor;
  await inTransaction(ctx.platform, async (tx) => {
    endSessionSockets(tx, await store.revokeOtherSessions(tx, userId, sessionId));
  });
}

export function findUserByEmail(q: Queryable, email: string) {
  return store.findUserByEmail(q, email);
}

/** A new account; `timeZone` and `language` start from the workspace's defaults when it joins one. */
export async function createUser(
  q: Queryable,
  input: { email: string; name: string; password: string; timeZone?: string; language?: string },
) {
  const { password, ...rest } = input;
  return store.insertUser(q, { ...rest, passwordHash: await hashPassword(password) });
}

export type { TUser } from './store.ts';
export { verifyPassword };
