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
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Db, Queryable } from './queryable.ts';
import {
  pgliteTenantTransaction,
  pgTenantTransaction,
  type TTenantTransaction,
} from './tenant-transaction.ts';

export type { Db, Queryable, Tx } from './queryable.ts';

/** Runs raw SQL with positional parameters; the shape pg-boss expects of a connection. */
export type TExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type Database = {
  engine: 'pglite' | 'postgres';
  url?: string;
  db: Db;
  executeSql: TExecuteSql;
  poolStats: () => { total: number; idle: number; waiting: number };
  /**
   * A transaction bound to a workspace, as `parley_tenant` (platform/tenant-transaction.ts); on
   * PostgreSQL it shares round trips with BEGIN and COMMIT.
   */
  tenantTransaction: TTenantTransaction;
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
    return {
      engine: 'postgres',
      url: opts.url,
      db,
      tenantTransaction: pgTenantTransaction(pool),
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
    tenantTransaction: pgliteTenantTransaction(db),
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
