// Tenant transactions, and the one place that knows how they save round trips on PostgreSQL.
//
// A feature hands `inWorkspace` ordinary parameterised statements (`TStatement`) for the two ends of
// its transaction. On PostgreSQL a first statement is PREPAREd once per connection and EXECUTEd in the
// same simple query as BEGIN and the tenant settings; a last statement goes with COMMIT. A simple query
// takes no parameters, so their values are written as literals here, every one escaped and cast to its
// declared type. On PGlite both run as ordinary parameterised queries. Features never see the
// difference. See docs/decisions/0008-group-commit.md.
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './queryable.ts';

export type TRow = Record<string, unknown>;

/** A value of a statement: text, integer, boolean, timestamp, or an array of text. */
export type TValue = string | number | boolean | Date | null | (string | null)[];

/** A parameterised statement (`$1` … in `text`), with the SQL type of each parameter. */
export type TStatement = { name: string; text: string; types: string[]; values: TValue[] };

/**
 * The ends of a tenant transaction: `first` runs before the body, which receives its rows; `last` is
 * asked for once the body is done, and its statement's rows go to `done` once it has run.
 */
export type TTransactionEnds = {
  first?: TStatement | undefined;
  last?: () => { statement: TStatement; done: (rows: TRow[]) => void } | null;
};

export type TTenantTransaction = <T>(
  workspaceId: string,
  fn: (tx: Tx, firstRows: TRow[]) => Promise<T>,
  ends?: TTransactionEnds,
) => Promise<T>;

/** `value` as an SQL literal of type `type`: escaped, whatever it holds, and cast. */
export function literal(value: TValue, type: string): string {
  if (value === null) {
    return `null::${type}`;
  }
  if (Array.isArray(value)) {
    return `array[${value.map((v) => (v === null ? 'null' : pg.escapeLiteral(v))).join(', ')}]::${type}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`Not a finite number: ${value}`);
  }
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `${pg.escapeLiteral(text)}::${type}`;
}

/**
 * The SQL-level name of a statement prepared for the ends of a transaction: apart from the names that
 * runStatement gives the driver's own prepared statements (one namespace per connection).
 */
const endName = (statement: TStatement) => `${statement.name}_at_end`;

function execute(statement: TStatement): string {
  if (statement.values.length !== statement.types.length) {
    throw new Error(
      `${statement.name}: ${statement.values.length} values for ${statement.types.length} types`,
    );
  }
  return `execute ${endName(statement)}(${statement.values.map((v, i) => literal(v, statement.types[i]!)).join(', ')})`;
}

const settings = (workspaceId: string) =>
  `select set_config('parley.workspace_id', ${literal(workspaceId, 'text')}, true), set_config('role', 'parley_tenant', true)`;

/**
 * PostgreSQL: a transaction bound to a workspace, as `parley_tenant`, opened in one round trip (BEGIN,
 * both settings and the first statement) and closed in one (the last statement and COMMIT).
 */
export function pgTenantTransaction(pool: pg.Pool): TTenantTransaction {
  // One drizzle instance per pooled connection, made on its first transaction.
  const bound = new WeakMap<pg.PoolClient, Tx>();
  // The statements prepared (SQL PREPARE) on each pooled connection.
  const prepared = new WeakMap<pg.PoolClient, Set<string>>();
  const prepare = async (client: pg.PoolClient, statement: TStatement | undefined) => {
    const names = prepared.get(client) ?? new Set<string>();
    prepared.set(client, names);
    if (statement && !names.has(statement.name)) {
      await client.query(
        `prepare ${endName(statement)} (${statement.types.join(', ')}) as ${statement.text}`,
      );
      names.add(statement.name);
    }
  };
  return async (workspaceId, fn, ends = {}) => {
    const client = await pool.connect();
    let isBroken = false;
    try {
      let tx = bound.get(client);
      if (!tx) {
        tx = drizzlePg(client) as unknown as Tx;
        bound.set(client, tx);
      }
      try {
        const { first } = ends;
        await prepare(client, first);
        let firstRows: TRow[] = [];
        if (first) {
          const results = (await client.query(
            `begin; ${settings(workspaceId)}; ${execute(first)}`,
          )) as unknown as pg.QueryResult[];
          firstRows = results.at(-1)?.rows ?? [];
        } else {
          await client.query(`begin; ${settings(workspaceId)}`);
        }
        const result = await fn(tx, firstRows);
        const last = ends.last?.();
        if (last) {
          await prepare(client, last.statement);
          const results = (await client.query(
            `${execute(last.statement)};\ncommit`,
          )) as unknown as pg.QueryResult[];
          last.done(results[0]?.rows ?? []);
        } else {
          await client.query('commit');
        }
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {
          isBroken = true;
        });
        throw err;
      }
    } finally {
      client.release(isBroken);
    }
  };
}

/** PGlite: the same transaction as drizzle runs it, with both ends as ordinary queries. */
export function pgliteTenantTransaction(db: Db): TTenantTransaction {
  return (workspaceId, fn, ends = {}) =>
    db.transaction(async (drizzleTx) => {
      const tx = drizzleTx as unknown as Tx;
      await tx.execute(
        sql`select set_config('parley.workspace_id', ${workspaceId}, true), set_config('role', 'parley_tenant', true)`,
      );
      const firstRows = ends.first ? await runStatement(tx, ends.first) : [];
      const result = await fn(tx, firstRows);
      const last = ends.last?.();
      if (last) {
        last.done(await runStatement(tx, last.statement));
      }
      return result;
    });
}

type TRawClient = { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> };

/**
 * Runs a statement on the connection of an open transaction, without drizzle's query building: for the
 * few hot statements written by hand (multi-row writes with array parameters). On PostgreSQL its name
 * makes it a prepared statement (parsed and planned once per connection, then sent as its parameters).
 */
export async function runStatement<T = TRow>(tx: Tx, statement: Omit<TStatement, 'types'>): Promise<T[]> {
  const client = (tx as unknown as { session: { client: TRawClient } }).session.client;
  const { name, text, values } = statement;
  const result =
    client instanceof pg.Client
      ? await client.query({ name, text, values })
      : await client.query(text, values);
  return result.rows as T[];
}
