import type { Db } from './db.ts';

/**
 * How a room that writes several stores at once (ingest: articles, search index) gets one
 * transaction without holding the database handle itself.
 */
export interface Transactions {
  /** runs fn in one transaction: committed when it returns, rolled back when it throws */
  run<R>(fn: () => R): R;
  /** false once the database rolled back on its own (SQLite does on disk full or busy) */
  active(): boolean;
}

export function createSqliteTransactions(db: Db): Transactions {
  return {
    run: (fn) => db.transaction(fn)(),
    active: () => db.inTransaction,
  };
}
