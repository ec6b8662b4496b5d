import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { inTransaction } from './context.ts';
import { rowsOf } from './db.ts';
import { createHooks } from './hooks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const removed = { workspaceId: 'ws_probe', userId: 'usr_probe' };

async function tableExists(name: string) {
  const [row] = await rowsOf<{ exists: boolean }>(
    t.platform.db,
    sql`select to_regclass(${name}) is not null as "exists"`,
  );
  return row?.exists;
}

describe('hooks', () => {
  it('runs every reaction to an event in the order they were added, and nothing for another event', async () => {
    const hooks = createHooks();
    const seen: string[] = [];
    hooks.on('member.removed', async ({ userId }) => {
      seen.push(`teams ${userId}`);
    });
    hooks.on('member.removed', async ({ userId }) => {
      seen.push(`conversations ${userId}`);
    });
    hooks.on('setup.completed', async () => {
      seen.push('setup');
    });
    await inTransaction(t.platform, (tx) => hooks.emit('member.removed', { tx, ...removed }));
    expect(seen).toEqual(['teams usr_probe', 'conversations usr_probe']);
  });

  it('runs the reactions in the transaction of the change, so a reaction that fails undoes all of it', async () => {
    const hooks = createHooks();
    hooks.on('member.removed', async ({ tx }) => {
      await tx.execute(sql`create table hook_probe (id integer)`);
    });
    hooks.on('member.removed', async () => {
      throw new Error('the second reaction refused');
    });
    await expect(
      inTransaction(t.platform, (tx) => hooks.emit('member.removed', { tx, ...removed })),
    ).rejects.toThrow('the second reaction refused');
    expect(await tableExists('hook_probe')).toBe(false);
  });

  it('emits an event nobody reacts to without doing anything', async () => {
    await expect(
      inTransaction(t.platform, (tx) => createHooks().emit('member.removed', { tx, ...removed })),
    ).resolves.toBeUndefined();
  });
});
