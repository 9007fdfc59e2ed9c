import type pg from 'pg';
import type { CorruptRowHandler } from '../../articles/store.ts';
import type { StoredArticle } from '../../articles/types.ts';
import { inTx } from './outbox-schema.ts';
import { migrateSearchLog } from './search-log.ts';

/**
 * The archive on PostgreSQL: the columns of src/articles/schema.ts (all three migrations).
 * `seq` is a bigserial, so as in SQLite it follows insertion order. Times are epoch ms in
 * bigint. The list columns stay JSON text, as in SQLite, so a corrupt one is reported for its
 * row (CorruptRowHandler) instead of failing every read of the table.
 */
const ARCHIVE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS articles (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    url text NOT NULL,
    category text NOT NULL,
    source text NOT NULL,
    title text NOT NULL,
    published_at bigint NOT NULL,
    paragraphs text NOT NULL,
    digest text,
    attribution text,
    source_link text,
    images text NOT NULL,
    story_key text NOT NULL,
    summary text NOT NULL,
    fetched_at bigint NOT NULL,
    shown_at bigint,
    urgent boolean NOT NULL DEFAULT false,
    tags text NOT NULL DEFAULT '[]'
  );
  CREATE INDEX IF NOT EXISTS articles_category ON articles (category, published_at DESC);
  CREATE INDEX IF NOT EXISTS articles_published ON articles (published_at DESC);
  CREATE INDEX IF NOT EXISTS articles_story ON articles (story_key);
  CREATE TABLE IF NOT EXISTS categories (
    slug text PRIMARY KEY,
    source text NOT NULL DEFAULT '',
    tag text NOT NULL DEFAULT '',
    first_seen bigint NOT NULL,
    last_seen bigint NOT NULL,
    posts bigint NOT NULL DEFAULT 0,
    verified boolean NOT NULL DEFAULT false
  );
`;

// instances starting together would race on CREATE ... IF NOT EXISTS (duplicate pg_type rows)
const MIGRATE_LOCK = 0x6b78_4152; // 'kxAR'

/**
 * Creates the archive's tables (articles, categories) and the search log; idempotent, safe for
 * instances starting at once.
 */
export async function migratePgArchive(pool: pg.Pool): Promise<void> {
  await inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query(ARCHIVE_SCHEMA);
    await migrateSearchLog(c);
  });
}

/** an articles row as pg hands it over: int8 as strings (epoch ms and seqs fit a double) */
export interface PgArticleRow {
  seq: string;
  id: string;
  url: string;
  category: string;
  source: string;
  title: string;
  published_at: string;
  paragraphs: string;
  digest: string | null;
  attribution: string | null;
  source_link: string | null;
  images: string;
  story_key: string;
  summary: string;
  fetched_at: string;
  shown_at: string | null;
  urgent: boolean;
  tags: string;
}

export const throwOnCorrupt: CorruptRowHandler = ({ seq, field, error }) => {
  throw new Error(`article ${seq} has a corrupt ${field} column: ${error}`);
};

// the same reading as src/articles/store.ts: the rest of the row is still served
function listColumn(
  r: PgArticleRow,
  field: 'paragraphs' | 'images' | 'tags',
  onCorrupt: CorruptRowHandler,
): string[] {
  try {
    const v: unknown = JSON.parse(r[field]);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    throw new Error('not a list of strings');
  } catch (err) {
    onCorrupt({ seq: Number(r.seq), field, error: (err as Error).message });
    return [];
  }
}

export const makeFromPgRow =
  (onCorrupt: CorruptRowHandler) =>
  (r: PgArticleRow): StoredArticle => ({
    seq: Number(r.seq),
    id: r.id,
    url: r.url,
    category: r.category,
    source: r.source,
    title: r.title,
    publishedAt: Number(r.published_at),
    paragraphs: listColumn(r, 'paragraphs', onCorrupt),
    digest: r.digest,
    attribution: r.attribution,
    sourceLink: r.source_link,
    images: listColumn(r, 'images', onCorrupt),
    storyKey: r.story_key,
    shownAt: Number(r.shown_at ?? r.published_at),
    summary: r.summary,
    fetchedAt: Number(r.fetched_at),
    urgent: r.urgent,
    tags: listColumn(r, 'tags', onCorrupt),
  });
