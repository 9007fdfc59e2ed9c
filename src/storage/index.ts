import Keyv from 'keyv';
import { type Config, sqlitePath } from '../config.ts';
import { type Db, type Migration, openDb } from './db.ts';
import { KV_NAMESPACE } from './keys.ts';
import { SqliteKeyvStore } from './keyv-sqlite.ts';

export interface Storage {
  db: Db;
  kv: Keyv;
  path: string;
  close(): void;
}

/** Opens SQLite once (migrations included) and the keyv chosen by STORAGE_URL. */
export function openStorage(
  config: Pick<Config, 'STORAGE_URL'> & { REPLICA_PATH?: string },
  migrations: readonly Migration[],
  onCorrupt?: (key: string, reason: string) => void,
): Storage {
  const path = sqlitePath(config);
  const db = openDb(path, migrations);
  // keyv swallows store errors by default; a failed write must fail the caller, not vanish
  const kv = new Keyv({
    store: new SqliteKeyvStore(db, onCorrupt),
    namespace: KV_NAMESPACE,
    throwOnErrors: true,
  });
  let closed = false;
  return {
    db,
    kv,
    path,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
