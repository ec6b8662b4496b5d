import type { Logger } from 'pino';
import type { Channels } from './channels.ts';
import type { TConfig } from './config.ts';
import type { Database, Db, Tx } from './db.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';
import type { FileStore } from './file-store.ts';
import type { Hooks } from './hooks.ts';
import type { Jobs } from './jobs.ts';
import type { Metrics } from './metrics.ts';
import type { Hub } from './realtime.ts';
import type { Sealer } from './sealing.ts';
import type { TRow, TTransactionEnds } from './tenant-transaction.ts';

export type TRole = 'owner' | 'admin' | 'agent';

/** What every feature may use: built once at start, shared by all requests and jobs. */
export type Platform = {
  config: TConfig;
  database: Database;
  db: Db;
  jobs: Jobs;
  sealer: Sealer;
  /** Every file's bytes: local disk, or the S3-compatible bucket of `S3_URL`. */
  files: FileStore;
  metrics: Metrics;
  hub: Hub;
  log: Logger;
  /** The channel members (website, email, …), registered at start. */
  channels: Channels;
  /** Reactions of upper features to lower features' changes, registered at start (app.ts). */
  hooks: Hooks;
};

/** A website visitor, known by the anonymous visitor token of the widget. */
export type TVisitorActor = {
  kind: 'visitor';
  visitorId: string;
  contactId: string;
  inboxId: string;
  userId: null;
  /** The hash of the token the request came with, for writes that check it again (group commit). */
  tokenHash?: string;
};

export type TActor =
  | { kind: 'user'; userId: string; sessionId: string }
  /** An API token; `createdBy` is the member whose current role caps the token's. */
  | { kind: 'token'; tokenId: string; userId: null; createdBy: string }
  | TVisitorActor;

/** The request context every service function takes first. */
export type Ctx = {
  platform: Platform;
  actor: TActor | null;
  workspaceId: string | null;
  role: TRole | null;
  csrfToken: string | null;
};

export type UserCtx = Ctx & { actor: { kind: 'user'; userId: string; sessionId: string } };
export type WorkspaceCtx = Ctx & { actor: TActor; workspaceId: string; role: TRole };
/** A website visitor, authenticated by the anonymous visitor token of the widget. */
export type VisitorCtx = Ctx & { actor: TVisitorActor; workspaceId: string };
/** Anything that names its workspace: enough to open a tenant transaction. */
export type TenantScope = { platform: Platform; workspaceId: string };

const RANK: Record<TRole, number> = { agent: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: TRole | null, needed: TRole): boolean {
  return role !== null && RANK[role] >= RANK[needed];
}

/** The lower of two roles: what a credential may do when two rights must both allow it. */
export function lowerRole(a: TRole, b: TRole): TRole {
  return RANK[a] <= RANK[b] ? a : b;
}

export function requireAgent(ctx: Ctx): asserts ctx is WorkspaceCtx {
  requireWorkspace(ctx);
  if (ctx.actor.kind === 'visitor') {
    throw forbidden('Visitors cannot use the agent API');
  }
}

export function requireUser(ctx: Ctx): asserts ctx is UserCtx {
  if (ctx.actor?.kind !== 'user') {
    throw ctx.actor ? forbidden('This action needs a signed-in user, not an API token') : unauthenticated();
  }
}

export function requireWorkspace(ctx: Ctx): asserts ctx is WorkspaceCtx {
  if (!ctx.actor) {
    throw unauthenticated();
  }
  if (!ctx.workspaceId || !ctx.role || ctx.actor.kind === 'visitor') {
    throw new AppError('forbidden', 'You are not a member of any workspace');
  }
}

/** Access first: throws 403 with `message` unless the actor's role in the workspace is at least `needed`. */
export function requireRole(ctx: Ctx, needed: TRole, message: string): asserts ctx is WorkspaceCtx {
  requireWorkspace(ctx);
  if (!roleAtLeast(ctx.role, needed)) {
    throw forbidden(message);
  }
}

/**
 * The one way to touch tenant data: a transaction bound to the context's workspace. On both engines
 * it runs as the restricted `parley_tenant` role with `parley.workspace_id` set, so row-level security
 * hides other workspaces' rows even where a query forgot its filter. `ends.first` runs before `fn`,
 * which gets its rows; `ends.last`, asked for once `fn` is done, runs last (how the engines save round
 * trips with them is platform/tenant-transaction.ts's business).
 */
export async function inWorkspace<T>(
  ctx: TenantScope,
  fn: (tx: Tx, firstRows: TRow[]) => Promise<T>,
  ends: TTransactionEnds = {},
): Promise<T> {
  let firstRows: TRow[] = [];
  return withCommitSteps(
    ctx.platform,
    (tx) => fn(tx, firstRows),
    (body) =>
      ctx.platform.database.tenantTransaction(
        ctx.workspaceId,
        (tx, rows) => {
          firstRows = rows;
          return body(tx);
        },
        ends,
      ),
  );
}

/** The one way to open an installation-wide transaction (accounts, sessions, setup). */
export async function inTransaction<T>(platform: Platform, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withCommitSteps(platform, fn, (body) =>
    platform.db.transaction(async (tx) => body(tx as unknown as Tx)),
  );
}

type TCommitStep = (platform: Platform) => Promise<void>;
/** The steps waiting for each open transaction's commit (a pooled connection reuses its `tx` object). */
const commitSteps = new WeakMap<Tx, TCommitStep[]>();

/**
 * Runs `step` once the transaction `tx` (opened by inWorkspace or inTransaction) has committed, and never
 * when it rolls back: for signals inside the installation that must not announce a change before it is
 * real, such as ending the sockets of rights that ended. The caller of the transaction waits for its
 * steps; a step that fails is logged (the change itself stands). Work that leaves the installation is a
 * job instead (the outbox).
 */
export function afterCommit(tx: Tx, step: TCommitStep): void {
  const steps = commitSteps.get(tx);
  if (!steps) {
    throw new Error('afterCommit needs a transaction opened by inWorkspace or inTransaction');
  }
  steps.push(step);
}

async function withCommitSteps<T>(
  platform: Platform,
  fn: (tx: Tx) => Promise<T>,
  open: (body: (tx: Tx) => Promise<T>) => Promise<T>,
): Promise<T> {
  const steps: TCommitStep[] = [];
  let bound = null as Tx | null;
  let result: T;
  try {
    result = await open((tx) => {
      bound = tx;
      // A retried body starts again with no steps.
      steps.length = 0;
      commitSteps.set(tx, steps);
      return fn(tx);
    });
  } finally {
    if (bound && commitSteps.get(bound) === steps) {
      commitSteps.delete(bound);
    }
  }
  for (const step of steps) {
    await step(platform).catch((err) => platform.log.error({ err }, 'a step after a commit failed'));
  }
  return result;
}
