import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index';
import { acquireDataDirLock, type DataDirLock } from './lock';

export type Schema = typeof schema;
/** The drizzle database, whichever the engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/** One interface over PGlite and PostgreSQL. */
export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs a raw SQL statement and returns its rows. */
  rows<T>(query: SQL, executor?: Executor): Promise<T[]>;
  /** Bulk-loads rows (COPY on PostgreSQL, batched inserts on PGlite). */
  close(): Promise<void>;
  /** The PGlite instance, for tests that clone it. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Types kept as their Postgres text where JavaScript would shift or lose them.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(NUMERIC, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

const pgliteParsers = {
  [INT8]: (value: string) => Number(value),
  [NUMERIC]: (value: string) => Number(value),
  [DATE]: (value: string) => value,
};

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string | null;
  /** Take the data-directory lock (default true for a directory). */
  lock?: boolean;
  /** Open an existing PGlite instance (tests). */
  pglite?: PGlite;
  poolSize?: number;
}

/** Opens the configured database: PostgreSQL when a URL is given, otherwise PGlite. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    let closing = false;
    // An idle connection closed by the server (a restart, an administrator, a dropped database) is
    // reported here and replaced by the pool on the next query; without a listener it would end
    // the process.
    pool.on('error', (error) => {
      if (!closing) console.error(`Mất một kết nối PostgreSQL đang rảnh (sẽ mở lại khi cần): ${error.message}`);
    });
    await pool.query('select 1');
    const db = drizzlePostgres(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      async rows<T>(query: SQL, executor?: Executor) {
        const result = await (executor ?? db).execute(query);
        return (result as unknown as { rows: T[] }).rows;
      },
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  let lock: DataDirLock | null = null;
  let instance = options.pglite;
  if (!instance) {
    if (options.dataDir) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      if (options.lock !== false) lock = acquireDataDirLock(options.dataDir);
    }
    try {
      instance = await PGlite.create({
        dataDir: options.dataDir ? path.join(options.dataDir, 'pglite') : undefined,
        extensions: { unaccent, pg_trgm },
        parsers: pgliteParsers,
      });
    } catch (error) {
      lock?.release();
      throw error;
    }
  }
  const pglite = instance;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    async rows<T>(query: SQL, executor?: Executor) {
      const result = await (executor ?? db).execute(query);
      return (result as unknown as { rows: T[] }).rows;
    },
    async close() {
      await pglite.close();
      lock?.release();
    },
  };
}

/** Creates a fresh in-memory PGlite with the extensions (tests, dumps). */
export async function createMemoryPglite(loadDataDir?: Blob | File): Promise<PGlite> {
  return PGlite.create({ extensions: { unaccent, pg_trgm }, parsers: pgliteParsers, loadDataDir });
}

/** Applies the generated migrations (forward only). */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePostgres(database.db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder });
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
  }
}

export { pgliteTypes };
