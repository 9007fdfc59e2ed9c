import type pg from 'pg';
import { createTestDatabase, type TestDatabase, testPool } from './postgres.ts';

/**
 * One test file's PostgreSQL database, made on first use, and its pools: `pool()` is another
 * instance's connection pool on the same database. `end()` closes them all and drops it.
 */
export function pgTestDatabase(migrate: (pool: pg.Pool) => Promise<void>) {
  // the promise, not the database: pools asked for at once must not each create one
  let database: Promise<TestDatabase> | undefined;
  const pools: pg.Pool[] = [];
  const pool = async (): Promise<pg.Pool> => {
    database ??= createTestDatabase();
    const p = testPool((await database).url);
    pools.push(p);
    return p;
  };
  let first: Promise<pg.Pool> | undefined;
  return {
    pool,
    /** the file's shared pool, migrated once */
    shared(): Promise<pg.Pool> {
      first ??= pool().then(async (p) => {
        await migrate(p);
        return p;
      });
      return first;
    },
    /** closes one pool early (as a dead instance or a lost server would) */
    async closePool(p: pg.Pool): Promise<void> {
      const i = pools.indexOf(p);
      if (i >= 0) pools.splice(i, 1);
      await p.end();
    },
    async end(): Promise<void> {
      for (const p of pools.splice(0)) await p.end();
      await (await database)?.drop();
    },
  };
}
