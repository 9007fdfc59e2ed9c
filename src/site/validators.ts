import type { Db } from '../storage/db.ts';

export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

/** Where the client keeps ETag/Last-Modified per path between restarts. */
export interface ValidatorStore {
  get(path: string): Validators | undefined;
  set(path: string, v: Validators): void;
}

/**
 * In the process's SQLite file (table from articleMigrations): synchronous, so the client
 * reads it inline without an await per request, and a restart's first tick still costs two
 * 304s instead of two full pages. Only list pages (/, /feed.xml, category pages) are worth it.
 */
export function createValidatorStore(db: Db): ValidatorStore {
  const get = db.prepare<[string], { etag: string | null; last_modified: string | null }>(
    'SELECT etag, last_modified FROM site_validators WHERE path = ?',
  );
  const set = db.prepare(
    'INSERT OR REPLACE INTO site_validators (path, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)',
  );
  return {
    get(path) {
      const row = get.get(path);
      return row ? { etag: row.etag ?? undefined, lastModified: row.last_modified ?? undefined } : undefined;
    },
    set(path, v) {
      set.run(path, v.etag ?? null, v.lastModified ?? null, Date.now());
    },
  };
}
