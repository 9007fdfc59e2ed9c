import type pg from 'pg';
import { inTx } from './outbox-schema.ts';

/**
 * Runs a store's `CREATE ... IF NOT EXISTS` script under a transaction-scoped advisory lock.
 * IF NOT EXISTS alone is not enough when instances start together: two sessions creating the
 * same table at once collide on its pg_type row and one fails. The lock queues them, and the
 * later ones find everything there. Each store has its own key, so unrelated stores don't wait.
 */
export async function migrateUnderLock(pool: pg.Pool, lock: number, ddl: string): Promise<void> {
  await inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    await c.query(ddl);
  });
}

/** int8 columns arrive as strings (they may exceed 2^53); every value stored here fits a double */
export const int = (v: string | number): number => Number(v);
export const intOrNull = (v: string | number | null): number | null => (v === null ? null : Number(v));
