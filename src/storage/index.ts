import Keyv from 'keyv';
import pg from 'pg';
import { type Config, sqlitePath, usesPostgres } from '../config.ts';
import { type Db, type Migration, openDb } from './db.ts';
import { KV_NAMESPACE } from './keys.ts';
import { SqliteKeyvStore } from './keyv-sqlite.ts';
import { migratePgKv, PgKeyvStore } from './postgres/keyv.ts';

export interface Storage {
  /** the SQLite file: the whole store (sqlite://), or this instance's own replica file (postgres://) */
  db: Db;
  kv: Keyv;
  /** what the start-up line names: the SQLite path, or the PostgreSQL server without password */
  path: string;
  /** PostgreSQL mode: the pool every shared store uses */
  pool?: pg.Pool;
  close(): Promise<void>;
}

type StorageConfig = Pick<Config, 'STORAGE_URL'> & { REPLICA_PATH?: string };
type OnCorrupt = (key: string, reason: string) => void;

// keyv swallows store errors by default; a failed write must fail the caller, not vanish
const keyvOn = (store: SqliteKeyvStore | PgKeyvStore) =>
  new Keyv({ store, namespace: KV_NAMESPACE, throwOnErrors: true });

/** Opens SQLite once (migrations included) with the keyv store on the same file. */
export function openStorage(
  config: StorageConfig,
  migrations: readonly Migration[],
  onCorrupt?: OnCorrupt,
): Storage {
  if (usesPostgres(config)) throw new Error('STORAGE_URL is PostgreSQL: open it with openBackend');
  const path = sqlitePath(config);
  const db = openDb(path, migrations);
  let closed = false;
  return {
    db,
    kv: keyvOn(new SqliteKeyvStore(db, onCorrupt)),
    path,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** The server a postgres:// URL names, for logs: never the password. */
export function describePostgres(url: string): string {
  const u = new URL(url);
  return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/**
 * The backend STORAGE_URL names. PostgreSQL: the pool (its key-value table migrated) plus this
 * instance's own SQLite file at REPLICA_PATH, which holds its copy of the search index; the
 * other shared stores are opened on the pool by the composition root (postgres/stores.ts).
 */
export async function openBackend(
  config: StorageConfig,
  migrations: readonly Migration[],
  onCorrupt?: OnCorrupt,
  /** a pooled connection failed outside any query (the server went away): counted by the caller */
  onConnectionError: (err: Error) => void = () => {},
): Promise<Storage> {
  if (!usesPostgres(config)) return openStorage(config, migrations, onCorrupt);
  const pool = new pg.Pool({
    connectionString: config.STORAGE_URL,
    max: 10,
    connectionTimeoutMillis: 10_000,
  });
  // an idle client whose server went away must not crash the process: the next query reconnects
  pool.on('error', onConnectionError);
  // nor one checked out between two queries of a transaction (pg-pool drops its listener while
  // a client is lent): its next query fails and release() discards it
  pool.on('connect', (client) => client.on('error', onConnectionError));
  try {
    await migratePgKv(pool);
  } catch (err) {
    await pool.end();
    throw new Error(`Cannot use ${describePostgres(config.STORAGE_URL)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const db = openDb(sqlitePath(config), migrations);
  let closed = false;
  return {
    db,
    kv: keyvOn(new PgKeyvStore(pool, onCorrupt)),
    path: describePostgres(config.STORAGE_URL),
    pool,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
      await pool.end();
    },
  };
}
