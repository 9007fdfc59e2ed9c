import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { Db, Migration } from './db.ts';

export const kvMigrations: Migration[] = [
  {
    id: 'kv:1-table',
    up: `CREATE TABLE IF NOT EXISTS kv (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      expires INTEGER
    ) WITHOUT ROWID`,
  },
  {
    id: 'kv:2-quarantine',
    up: `CREATE TABLE IF NOT EXISTS kv_quarantine (
      key TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL)`,
  },
];

/**
 * A keyv store on the process's own better-sqlite3 connection: one native driver and one
 * file for everything, synchronous statements (no event-loop hops per get), and the same
 * WAL file the articles and outbox live in, so a backup is one file.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  opts: Record<string, unknown> = { dialect: 'sqlite' };
  namespace?: string | undefined;
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;
  private readonly clearStmt;
  private readonly quarantine;

  /** `onCorrupt` hears of every value that could not be read back (moved aside, not dropped) */
  constructor(
    db: Db,
    private readonly onCorrupt: (key: string, reason: string) => void = () => {},
  ) {
    super();
    this.quarantine = db.transaction((key: string, value: string, reason: string) => {
      db.prepare('INSERT INTO kv_quarantine (key, value, reason, at) VALUES (?, ?, ?, ?)').run(
        key,
        value,
        reason,
        Date.now(),
      );
      db.prepare('DELETE FROM kv WHERE key = ?').run(key);
    });
    this.getStmt = db.prepare<[string], { value: string; expires: number | null }>(
      'SELECT value, expires FROM kv WHERE key = ?',
    );
    this.setStmt = db.prepare('INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)');
    this.delStmt = db.prepare('DELETE FROM kv WHERE key = ?');
    this.clearStmt = db.prepare("DELETE FROM kv WHERE key LIKE ? ESCAPE '\\'");
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= Date.now()) {
      this.delStmt.run(key);
      return undefined;
    }
    try {
      JSON.parse(row.value);
    } catch (err) {
      // one unreadable value must not break every reader of it (fan-out reads chats in bulk):
      // it is set aside in kv_quarantine for the operator and reads as absent from now on
      this.quarantine(key, row.value, (err as Error).message);
      this.onCorrupt(key, (err as Error).message);
      return undefined;
    }
    return row.value as StoredData<Value>;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    this.setStmt.run(key, String(value), expires);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.delStmt.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    const prefix = this.namespace ? `${this.namespace}:` : '';
    this.clearStmt.run(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }
}
