import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT>;
/** Either the database or an open transaction: what every store function takes. */
export type Queryable = Db | Tx;

/** Runs raw SQL with positional parameters; the shape pg-boss expects of a connection. */
export type TExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** A transaction's last statement, sent as text with COMMIT; `rows` is what it returned. */
export type TLastStatement = { text: string; rows?: Record<string, unknown>[] };

/** A value that sqlLiteral writes: arrays are text arrays. */
export type TLiteral = string | number | boolean | Date | null | (string | null)[];

/**
 * A transaction's first statement: on PostgreSQL a statement prepared once per connection and run with
 * BEGIN in one round trip (its parameters written as literals); on PGlite an ordinary query. `rows` is
 * what it returned, for the transaction's work to use.
 */
export type TFirstStatement = {
  name: string;
  text: string;
  /** The parameters' SQL types, in order. */
  types: string[];
  values: TLiteral[];
  rows?: Record<string, unknown>[];
};

/** The ends of a tenant transaction that may share a round trip with BEGIN or COMMIT. */
export type TTransactionEnds = { first?: TFirstStatement; last?: () => TLastStatement | null };

export type Database = {
  engine: 'pglite' | 'postgres';
  url?: string;
  db: Db;
  executeSql: TExecuteSql;
  poolStats: () => { total: number; idle: number; waiting: number };
  /**
   * PostgreSQL only: a transaction bound to a workspace, as `parley_tenant`, opened in one round trip
   * (BEGIN and both settings in one simple query), and closed in one (`lastStatement`, when it gives
   * one, and COMMIT). PGlite uses inWorkspace's drizzle transaction.
   */
  tenantTransaction?: <T>(
    workspaceId: string,
    fn: (tx: Tx) => Promise<T>,
    ends?: TTransactionEnds,
  ) => Promise<T>;
  ping: () => Promise<void>;
  close: () => Promise<void>;
};

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const INIT_PGLITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/init-pglite.mjs');

export type TDatabaseOptions = { url?: string | undefined; dataDir?: string | undefined; poolSize?: number };

/** Opens PostgreSQL when a URL is given, else embedded PGlite under `dataDir` (in memory when undefined). */
export async function openDatabase(opts: TDatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = drizzlePg(pool) as unknown as Db;
    // One drizzle instance per pooled connection, made on its first transaction.
    const bound = new WeakMap<pg.PoolClient, Tx>();
    // The statements prepared (SQL PREPARE) on each pooled connection.
    const prepared = new WeakMap<pg.PoolClient, Set<string>>();
    const tenantTransaction = async <T>(
      workspaceId: string,
      fn: (tx: Tx) => Promise<T>,
      ends: TTransactionEnds = {},
    ): Promise<T> => {
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
          const names = prepared.get(client) ?? new Set<string>();
          prepared.set(client, names);
          if (first && !names.has(first.name)) {
            await client.query(`prepare ${first.name} (${first.types.join(', ')}) as ${first.text}`);
            names.add(first.name);
          }
          const begin = `begin; select set_config('parley.workspace_id', ${sqlLiteral(workspaceId)}, true), set_config('role', 'parley_tenant', true)`;
          if (first) {
            const results = (await client.query(
              `${begin}; execute ${first.name}(${first.values.map(sqlLiteral).join(', ')})`,
            )) as unknown as pg.QueryResult[];
            first.rows = results.at(-1)?.rows ?? [];
          } else {
            await client.query(begin);
          }
          const result = await fn(tx);
          const last = ends.last?.();
          if (last) {
            const results = (await client.query(`${last.text};\ncommit`)) as unknown as pg.QueryResult[];
            last.rows = results[0]?.rows ?? [];
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
    return {
      engine: 'postgres',
      url: opts.url,
      db,
      tenantTransaction,
      executeSql: async (text, values) => {
        const r = await pool.query(text, values);
        return { rows: r.rows };
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  let dir: string | undefined;
  if (opts.dataDir) {
    dir = path.join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      const init = spawnSync(process.execPath, [INIT_PGLITE, dir], { stdio: 'inherit' });
      if (init.status !== 0) {
        throw new Error(`Could not create the embedded database in ${dir}`);
      }
    }
  }
  // The same extensions as on PostgreSQL: trigram search and GIN over ordinary columns.
  const client = new PGlite({
    ...(dir ? { dataDir: dir } : {}),
    extensions: { pg_trgm, btree_gin },
    // Sized for one small server: PGlite runs inside the Parley process.
    postgresqlconf: [
      'shared_buffers=16MB',
      'wal_buffers=1MB',
      'work_mem=4MB',
      'maintenance_work_mem=16MB',
      'temp_buffers=2MB',
    ],
  });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    executeSql: async (text, values) => {
      if (!values || values.length === 0) {
        // pg-boss sends multi-statement DDL without parameters; only exec runs those.
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const r = await client.query<Record<string, unknown>>(text, values);
      return { rows: r.rows };
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator needs the driver-specific type
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS });
    return;
  }
  // One connection holds an advisory lock so that several processes starting at once migrate in turn.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(724101)');
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end();
  }
}

/**
 * A value as an SQL literal, for the few statements sent as text (a transaction's last statement goes
 * with COMMIT in one simple query, which takes no parameters).
 */
export function sqlLiteral(value: TLiteral): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return `'${value.toISOString()}'`;
  }
  if (Array.isArray(value)) {
    return `array[${value.map(sqlLiteral).join(', ')}]::text[]`;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new Error(`Not an integer: ${value}`);
    }
    return String(value);
  }
  // Most values (ids, sealed text) hold neither quotes nor backslashes: nothing to escape.
  return /['\\\0]/.test(value) ? pg.escapeLiteral(value) : `'${value}'`;
}

/** Rows of a raw query on either driver (node-postgres returns a result object, PGlite too). */
export async function rowsOf<T>(q: Queryable, query: SQL): Promise<T[]> {
  const r = (await q.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

/** Parameters as node-postgres would send them: undefined is NULL, plain objects are JSON. */
function toParam(value: unknown): unknown {
  if (value === undefined) {
    return null;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

/** Turns `$1`-style SQL with values into a drizzle SQL object, so pg-boss can run inside our transaction. */
export function positionalSql(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      chunks.push(sql.raw(parts[i] ?? ''));
    } else {
      chunks.push(sql`${toParam(values[Number(parts[i]) - 1])}`);
    }
  }
  return sql.join(chunks, sql.raw(''));
}

/**
 * Runs `$1`-style SQL on the connection of an open transaction, without drizzle's query building:
 * for the few hot statements written by hand (multi-row writes with array parameters). Both drivers
 * take positional parameters (arrays become PostgreSQL arrays) and return rows keyed by column name.
 */
export async function queryInTx<T = Record<string, unknown>>(
  tx: Tx,
  text: string,
  values: unknown[],
  /**
   * A name makes it a prepared statement on PostgreSQL: parsed and planned once per connection, then
   * sent as its parameters only. For the hot statements; one name, one text.
   */
  name?: string,
): Promise<T[]> {
  const client = (tx as unknown as { session: { client: TRawClient } }).session.client;
  const result =
    name && client instanceof pg.Client
      ? await client.query({ name, text, values })
      : await client.query(text, values);
  return result.rows as T[];
}

type TRawClient = { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> };
