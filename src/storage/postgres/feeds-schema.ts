import type pg from 'pg';
import type { FeedRecord } from '../../sources/store/types.ts';
import { int, intOrNull, migrateUnderLock } from './ddl.ts';

/**
 * The tables of src/sources/store/schema.ts: times in epoch ms as bigint, `initialized` a
 * boolean. Ids sort bytewise (COLLATE "C") as SQLite's BINARY does, so due() and all() break
 * ties in the same order on both backends, whatever the database's locale.
 */
const FEEDS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS feeds (
    id text COLLATE "C" PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('feed', 'wire')),
    url text NOT NULL UNIQUE,
    title text NOT NULL DEFAULT '',
    site_url text,
    etag text,
    last_modified text,
    next_due_at bigint NOT NULL DEFAULT 0,
    failures integer NOT NULL DEFAULT 0,
    empty_reads integer NOT NULL DEFAULT 0,
    last_ok_at bigint,
    last_new_at bigint,
    last_error text,
    initialized boolean NOT NULL DEFAULT false,
    created_at bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS feeds_due ON feeds (next_due_at);
  CREATE TABLE IF NOT EXISTS feed_seen (
    feed_id text COLLATE "C" NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key text COLLATE "C" NOT NULL,
    last_seen bigint NOT NULL,
    PRIMARY KEY (feed_id, key)
  );
`;

const MIGRATE_LOCK = 0x6b78_4644; // 'kxFD'

/** Creates the feeds and feed_seen tables; idempotent, safe for instances starting at once. */
export async function migratePgFeeds(pool: pg.Pool): Promise<void> {
  await migrateUnderLock(pool, MIGRATE_LOCK, FEEDS_SCHEMA);
}

/** a feeds row as pg hands it over (int8 as strings) */
export interface PgFeedRow {
  id: string;
  slug: string;
  kind: 'feed' | 'wire';
  url: string;
  title: string;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  next_due_at: string;
  failures: number;
  empty_reads: number;
  last_ok_at: string | null;
  last_new_at: string | null;
  last_error: string | null;
  initialized: boolean;
  created_at: string;
}

export const fromPgRow = (r: PgFeedRow): FeedRecord => ({
  id: r.id,
  slug: r.slug,
  kind: r.kind,
  url: r.url,
  title: r.title,
  siteUrl: r.site_url,
  validators: {
    ...(r.etag ? { etag: r.etag } : {}),
    ...(r.last_modified ? { lastModified: r.last_modified } : {}),
  },
  nextDueAt: int(r.next_due_at),
  failures: r.failures,
  emptyReads: r.empty_reads,
  lastOkAt: intOrNull(r.last_ok_at),
  lastNewAt: intOrNull(r.last_new_at),
  lastError: r.last_error,
  initialized: r.initialized,
  createdAt: int(r.created_at),
});
