import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { literal } from './tenant-transaction.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('SQL literals for statements sent with BEGIN or COMMIT', () => {
  it('reads back exactly what was written, quotes and backslashes included', async () => {
    const values = [
      "it's",
      'back\\slash',
      "both ' and \\ '' \\\\",
      'plain',
      '',
      'ünïcødé ✓',
      'line\nbreak',
      "'); drop table messages; --",
    ];
    for (const value of values) {
      const { rows } = await t.platform.database.executeSql(`select ${literal(value, 'text')} as v`);
      expect(rows[0]!.v).toBe(value);
    }
    const { rows } = await t.platform.database.executeSql(
      `select ${literal(null, 'text')} as n, ${literal(42, 'integer')} as i`,
    );
    expect(rows[0]).toEqual({ n: null, i: 42 });
    const at = new Date('2026-11-26T10:11:12.345Z');
    const more = await t.platform.database.executeSql(
      `select ${literal(true, 'boolean')} as yes, ${literal(at, 'timestamptz')} as at,
              ${literal(["a'b", null, 'c\\d'], 'text[]')} as list, ${literal([], 'text[]')} as empty,
              ${literal(['true', 'false'], 'boolean[]')} as flags`,
    );
    expect(more.rows[0]).toEqual({
      yes: true,
      at,
      list: ["a'b", null, 'c\\d'],
      empty: [],
      flags: [true, false],
    });
  });

  it('escapes every value, whatever its type claims to be', async () => {
    // A value that is not what its type says fails as a bad value, never as SQL of its own.
    await expect(
      t.platform.database.executeSql(`select ${literal("1; select 'x'", 'integer')} as i`),
    ).rejects.toThrow(/invalid input syntax/);
    expect(() => literal(Number.NaN, 'integer')).toThrow();
  });
});
