import type { KeyvStoreAdapter } from 'keyv';
import { openDb } from '../../src/storage/db.ts';
import { kvMigrations, SqliteKeyvStore } from '../../src/storage/keyv-sqlite.ts';
import { kvContract } from './kv-contract.ts';

kvContract('SQLite', async () => {
  const db = openDb(':memory:', kvMigrations);
  return {
    store: (onCorrupt): KeyvStoreAdapter => new SqliteKeyvStore(db, onCorrupt),
    putRaw: async (key, value) => {
      db.prepare('INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, NULL)').run(key, value);
    },
    rawRow: async (key) =>
      db
        .prepare<[string], { value: string; expires: number | null }>(
          'SELECT value, expires FROM kv WHERE key = ?',
        )
        .get(key),
    quarantined: async () =>
      db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM kv_quarantine ORDER BY rowid')
        .all(),
    break: async () => void db.close(),
    close: async () => {
      if (db.open) db.close();
    },
  };
});
