import crypto from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { createMemoryPglite, migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import type { Clock } from '../../src/server/clock';
import { createServices } from '../../src/server/services';

export type Engine = 'pglite' | 'postgres';

const testDatabaseUrl = process.env.TEST_DATABASE_URL || null;
let announced = false;

/** The engines the integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  if (!testDatabaseUrl && !announced) {
    announced = true;
    console.log('TEST_DATABASE_URL is not set: the integration tests run on PGlite only (PostgreSQL skipped).');
  }
  return testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite'];
}

let template: Promise<Blob> | null = null;

/** A migrated PGlite with the reference organizations, dumped once per worker and loaded per test file. */
async function pgliteTemplate(clock: Clock): Promise<Blob> {
  template ??= (async () => {
    const instance = await createMemoryPglite();
    const database = await openDatabase({ databaseUrl: null, dataDir: null, pglite: instance });
    await migrateDatabase(database);
    await createServices(database, clock, { sessionDays: 7, dueSoonDays: 3 }).organizations.seedReference({ national: false });
    const dump = await instance.dumpDataDir('none');
    await instance.close();
    return dump;
  })();
  return template;
}

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A fresh database with migrations and the Phú Thọ reference organizations. */
export async function createTestDatabase(engine: Engine, clock: Clock): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const instance: PGlite = await createMemoryPglite(await pgliteTemplate(clock));
    const database = await openDatabase({ databaseUrl: null, dataDir: null, pglite: instance });
    return { database, drop: () => database.close() };
  }
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `thucthi_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5 });
  await migrateDatabase(database);
  await createServices(database, clock, { sessionDays: 7, dueSoonDays: 3 }).organizations.seedReference({ national: false });
  return {
    database,
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
