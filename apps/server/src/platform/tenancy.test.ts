import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace, type TWorkspaceFixture } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { memberships, workspaces } from '../workspaces/tables.ts';
import { inTransaction, inWorkspace, type WorkspaceCtx } from './context.ts';
import { rowsOf } from './db.ts';
import { newId } from './ids.ts';
import { workspaceKeys } from './tables.ts';

let t: TestApp;
let a: TWorkspaceFixture;
let b: TWorkspaceFixture;
let ctxA: WorkspaceCtx;
let ctxB: WorkspaceCtx;

function ctxOf(fixture: TWorkspaceFixture): WorkspaceCtx {
  return {
    platform: t.platform,
    actor: { kind: 'user', userId: fixture.owner.userId, sessionId: 'x' },
    workspaceId: fixture.workspaceId,
    role: 'owner',
    csrfToken: null,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  a = await buildWorkspace(t, 'Alpha');
  b = await buildWorkspace(t, 'Beta');
  await buildMember(t, a.workspaceId, 'agent');
  await buildMember(t, b.workspaceId, 'admin');
  ctxA = ctxOf(a);
  ctxB = ctxOf(b);
});
afterAll(async () => {
  await t?.close();
});

describe('row-level security behind inWorkspace', () => {
  it('shows only the workspace’s own memberships to a query with no filter at all', async () => {
    const rowsA = await inWorkspace(ctxA, (tx) => tx.select().from(memberships));
    expect(rowsA).toHaveLength(2);
    expect(new Set(rowsA.map((m) => m.workspaceId))).toEqual(new Set([a.workspaceId]));

    const rowsB = await inWorkspace(ctxB, (tx) => tx.select().from(memberships));
    expect(rowsB).toHaveLength(2);
    expect(new Set(rowsB.map((m) => m.workspaceId))).toEqual(new Set([b.workspaceId]));

    const visibleWorkspaces = await inWorkspace(ctxA, (tx) => tx.select().from(workspaces));
    expect(visibleWorkspaces.map((w) => w.id)).toEqual([a.workspaceId]);
  });

  it('hides the other workspace’s rows even when a query asks for them by id', async () => {
    const asked = await inWorkspace(ctxA, (tx) =>
      tx.select().from(memberships).where(eq(memberships.workspaceId, b.workspaceId)),
    );
    expect(asked).toEqual([]);
  });

  it('refuses to insert a membership into another workspace', async () => {
    await expect(
      inWorkspace(ctxA, (tx) =>
        tx.insert(memberships).values({
          id: newId('mem'),
          workspaceId: b.workspaceId,
          userId: a.owner.userId,
          role: 'owner',
        }),
      ),
    ).rejects.toThrow();
    const smuggled = await t.platform.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, a.owner.userId));
    expect(smuggled.map((m) => m.workspaceId)).toEqual([a.workspaceId]);
  });

  it('cannot update or delete another workspace’s rows', async () => {
    const changed = await inWorkspace(ctxA, (tx) =>
      tx
        .update(memberships)
        .set({ role: 'agent' })
        .where(eq(memberships.workspaceId, b.workspaceId))
        .returning(),
    );
    expect(changed).toEqual([]);
    const deleted = await inWorkspace(ctxA, (tx) =>
      tx.delete(memberships).where(eq(memberships.workspaceId, b.workspaceId)).returning(),
    );
    expect(deleted).toEqual([]);
    const stillThere = await t.platform.db
      .select()
      .from(memberships)
      .where(eq(memberships.workspaceId, b.workspaceId));
    expect(stillThere).toHaveLength(2);
    expect(stillThere.map((m) => m.role).sort()).toEqual(['admin', 'owner']);
  });

  it('cannot move one of its own rows into another workspace', async () => {
    await expect(
      inWorkspace(ctxA, (tx) =>
        tx
          .update(memberships)
          .set({ workspaceId: b.workspaceId })
          .where(eq(memberships.userId, a.owner.userId)),
      ),
    ).rejects.toThrow();
  });

  it('runs as the restricted role with the context’s workspace set', async () => {
    const rows = await inWorkspace(ctxA, async (tx) =>
      rowsOf<{ current_user: string; ws: string }>(
        tx,
        sql`select current_user, current_setting('parley.workspace_id', true) as ws`,
      ),
    );
    expect(rows[0]).toEqual({ current_user: 'parley_tenant', ws: a.workspaceId });
  });

  it('keeps each workspace’s data key behind the same wall', async () => {
    await t.platform.sealer.seal(t.platform.db, a.workspaceId, 'a');
    await t.platform.sealer.seal(t.platform.db, b.workspaceId, 'b');
    const keys = await inWorkspace(ctxA, (tx) => tx.select().from(workspaceKeys));
    expect(keys.map((k) => k.workspaceId)).toEqual([a.workspaceId]);
  });

  it('shows every workspace installation-wide, outside inWorkspace', async () => {
    const all = await t.platform.db.select().from(memberships);
    const ids = new Set(all.map((m) => m.workspaceId));
    expect(ids).toEqual(new Set([a.workspaceId, b.workspaceId]));
    expect(all).toHaveLength(4);
    const viaTransaction = await inTransaction(t.platform, (tx) => tx.select().from(memberships));
    expect(viaTransaction).toHaveLength(4);
  });

  it('ends the tenant role with the transaction', async () => {
    await inWorkspace(ctxA, (tx) => tx.select().from(memberships));
    const [row] = await rowsOf<{ current_user: string; ws: string | null }>(
      t.platform.db,
      sql`select current_user, nullif(current_setting('parley.workspace_id', true), '') as ws`,
    );
    expect(row?.current_user).not.toBe('parley_tenant');
    expect(row?.ws).toBeNull();
  });
});
