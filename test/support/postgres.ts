import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** connection string of the new database */
  url: string;
  name: string;
  /** drops the database, closing any connection still open to it */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_POSTGRES_URL is not set: this suite needs a PostgreSQL server');
  return url;
}

/**
 * A database of its own for one test file: `kx_<random>`, UTF-8 with a C.UTF-8 character type
 * whatever the server's default (pg_trgm extracts no CJK grams under plain C), dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = serverUrl();
  const name = `kx_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A pool on a test database that ignores the one error dropping the database causes: `drop()`
 * ends connections a pool that was just closed may not have finished closing (57P01), and a
 * pool without an 'error' listener turns that into an uncaught exception. Anything else throws.
 */
export function testPool(url: string, max = 4): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max });
  p.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  return p;
}
