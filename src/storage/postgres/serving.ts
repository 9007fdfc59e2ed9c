import type pg from 'pg';
import { migrateUnderLock } from './ddl.ts';
import { inTx } from './outbox-schema.ts';

const SERVING_LOCK = 0x6b78_5356; // 'kxSV'

/**
 * When an instance first served from this database. `kuaixun migrate` treats the SQLite file
 * as the truth and rewrites the tables to match it: once instances have written here, that
 * would undo their work, so migrate refuses unless forced.
 */
export async function markServing(pool: pg.Pool, now: number): Promise<void> {
  // under its lock, as every store's DDL: instances starting together would collide otherwise
  await migrateUnderLock(
    pool,
    SERVING_LOCK,
    'CREATE TABLE IF NOT EXISTS kuaixun_serving (since bigint NOT NULL)',
  );
  await inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [SERVING_LOCK]);
    await c.query(
      'INSERT INTO kuaixun_serving (since) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM kuaixun_serving)',
      [now],
    );
  });
}

/** epoch ms an instance first served from this database, or null if none has */
export async function servingSince(pool: pg.Pool): Promise<number | null> {
  // two statements: a relation named in a query must exist, even in a branch never taken
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('kuaixun_serving') AS t");
  if (!exists.rows[0]?.t) return null;
  const r = await pool.query<{ since: string | null }>('SELECT min(since) AS since FROM kuaixun_serving');
  const since = r.rows[0]?.since;
  return since == null ? null : Number(since);
}
