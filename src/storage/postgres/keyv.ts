import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type pg from 'pg';
import { intOrNull, migrateUnderLock } from './ddl.ts';

/**
 * The tables of src/storage/keyv-sqlite.ts. Keys sort and compare bytewise (COLLATE "C"), as
 * SQLite's BINARY does, whatever the database's locale; `expires` is epoch ms.
 */
const KV_SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (
    key text COLLATE "C" PRIMARY KEY,
    value text NOT NULL,
    expires bigint
  );
  CREATE TABLE IF NOT EXISTS kv_quarantine (
    key text NOT NULL, value text NOT NULL, reason text NOT NULL, at bigint NOT NULL
  );
`;

const MIGRATE_LOCK = 0x6b78_4b56; // 'kxKV'

/** Creates the kv tables; idempotent, safe for instances starting at once. */
export async function migratePgKv(pool: pg.Pool): Promise<void> {
  await migrateUnderLock(pool, MIGRATE_LOCK, KV_SCHEMA);
}

/**
 * The keyv store of src/storage/keyv-sqlite.ts on PostgreSQL, so instances share chats and
 * every other key: the same methods and the same behaviour (TTL through `expires`, clear()
 * only of its namespace, unreadable values set aside in kv_quarantine). Several instances
 * write the same keys, so the deletes that follow a read (expired, corrupt) name the value
 * they read and leave alone one another instance wrote in between. Call `migratePgKv` first.
 */
export class PgKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: Record<string, unknown> = { dialect: 'postgres' };
  namespace?: string | undefined;

  /** `onCorrupt` hears of every value this store moved aside (once, whichever instance read it) */
  constructor(
    private readonly pool: pg.Pool,
    private readonly onCorrupt: (key: string, reason: string) => void = () => {},
  ) {
    super();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const { rows } = await this.pool.query<{ value: string; expires: string | null }>(
      'SELECT value, expires FROM kv WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    const now = Date.now();
    const expires = intOrNull(row.expires);
    if (expires !== null && expires <= now) {
      await this.pool.query('DELETE FROM kv WHERE key = $1 AND expires <= $2', [key, now]);
      return undefined;
    }
    try {
      JSON.parse(row.value);
    } catch (err) {
      // one unreadable value must not break every reader of it (fan-out reads chats in bulk):
      // it is set aside in kv_quarantine for the operator and reads as absent from now on
      const reason = (err as Error).message;
      const moved = await this.pool.query(
        `WITH gone AS (DELETE FROM kv WHERE key = $1 AND value = $2 RETURNING key, value)
         INSERT INTO kv_quarantine (key, value, reason, at) SELECT key, value, $3, $4 FROM gone`,
        [key, row.value, reason, now],
      );
      if (moved.rowCount) this.onCorrupt(key, reason);
      return undefined;
    }
    return row.value as StoredData<Value>;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    await this.pool.query(
      `INSERT INTO kv (key, value, expires) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
      [key, String(value), expires],
    );
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM kv WHERE key = $1', [key])).rowCount ?? 0) > 0;
  }

  async clear(): Promise<void> {
    // starts_with: no LIKE pattern to escape, and '' (no namespace) matches every key
    await this.pool.query('DELETE FROM kv WHERE starts_with(key, $1)', [
      this.namespace ? `${this.namespace}:` : '',
    ]);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }
}
