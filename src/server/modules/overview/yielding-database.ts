/**
 * A view of the embedded database for background work that lets the server breathe between
 * queries. PGlite runs each query on the server's own thread and resolves it without leaving the
 * microtask queue, so a long chain of queries (the indicator cards: hundreds of rollups) would hold
 * back every request until it ends. Through this view each query first yields to the event loop.
 * PostgreSQL needs nothing of the kind (its queries are I/O): the database is returned as is.
 */
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, Db } from '../../db/client';
import * as schema from '../../db/schema/index';

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function yieldingDatabase(database: Database): Database {
  const pglite = database.pglite;
  if (database.kind !== 'pglite' || !pglite) return database;
  const client = new Proxy(pglite, {
    get(target, property, receiver) {
      if (property === 'query') {
        return async (...args: Parameters<PGlite['query']>) => {
          await yieldToEventLoop();
          return target.query(...args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { ...database, db };
}
