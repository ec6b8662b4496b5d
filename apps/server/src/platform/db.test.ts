import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { sqlLiteral } from './db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('SQL literals for statements sent as text', () => {
  it('reads back exactly what was written, quotes and backslashes included', async () => {
    const values = ["it's", 'back\\slash', "both ' and \\ '' \\\\", 'plain', '', 'ünïcødé ✓', 'line\nbreak'];
    for (const value of values) {
      const { rows } = await t.platform.database.executeSql(`select ${sqlLiteral(value)} as v`);
      expect(rows[0]!.v).toBe(value);
    }
    const { rows } = await t.platform.database.executeSql(
      `select ${sqlLiteral(null)} as n, ${sqlLiteral(42)} as i`,
    );
    expect(rows[0]).toEqual({ n: null, i: 42 });
    const at = new Date('2026-11-26T10:11:12.345Z');
    const more = await t.platform.database.executeSql(
      `select ${sqlLiteral(true)} as yes, ${sqlLiteral(at)}::timestamptz as at,
              ${sqlLiteral(["a'b", null, 'c\\d'])} as list, ${sqlLiteral([])} as empty`,
    );
    expect(more.rows[0]).toEqual({ yes: true, at, list: ["a'b", null, 'c\\d'], empty: [] });
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => sqlLiteral(1.5)).toThrow();
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});
