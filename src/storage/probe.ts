import type { Db } from './db.ts';

/** The health endpoint's question to storage: do you still answer? */
export interface StorageProbe {
  /** rejects with the backend's error when it does not answer */
  check(): Promise<void>;
}

export function createSqliteProbe(db: Db): StorageProbe {
  return {
    async check() {
      db.prepare('SELECT 1').get();
    },
  };
}
