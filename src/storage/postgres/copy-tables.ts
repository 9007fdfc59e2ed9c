import type pg from 'pg';
import type { CopyColumn, SqlRow, TableSpec } from './copy-write.ts';
import { appendSearchDocs, lockSearchLog, type SearchDoc } from './search-log.ts';

const text = (name: string, more: Partial<CopyColumn> = {}): CopyColumn => ({ name, type: 'text', ...more });
const big = (name: string, more: Partial<CopyColumn> = {}): CopyColumn => ({ name, type: 'bigint', ...more });
const int = (name: string): CopyColumn => ({ name, type: 'int' });
const bool = (name: string): CopyColumn => ({ name, type: 'boolean' });
const names = (cs: CopyColumn[], skip: string[]) => cs.map((c) => c.name).filter((n) => !skip.includes(n));

/** as src/articles/store.ts reads a list column: a corrupt one is an empty list, not a failure */
function list(v: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(v));
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

const toDoc = (r: SqlRow): SearchDoc => ({
  seq: Number(r.seq),
  storyKey: String(r.story_key),
  publishedAt: Number(r.published_at),
  category: String(r.category),
  title: String(r.title),
  digest: r.digest === null ? null : String(r.digest),
  paragraphs: list(r.paragraphs),
});

const kvCols = [text('key'), text('value', { hashed: true }), big('expires')];

const articleCols = [
  big('seq'),
  text('id'),
  text('url'),
  text('category'),
  text('source'),
  text('title'),
  big('published_at'),
  text('paragraphs'),
  text('digest'),
  text('attribution'),
  text('source_link'),
  text('images'),
  text('story_key'),
  text('summary'),
  big('fetched_at'),
  big('shown_at'),
  bool('urgent'),
  text('tags'),
];

const categoryCols = [
  text('slug'),
  text('source'),
  text('tag'),
  big('first_seen'),
  big('last_seen'),
  big('posts'),
  bool('verified'),
];

const feedCols = [
  text('id'),
  text('slug'),
  text('kind'),
  text('url'),
  text('title'),
  text('site_url'),
  text('etag'),
  text('last_modified'),
  big('next_due_at'),
  int('failures'),
  int('empty_reads'),
  big('last_ok_at'),
  big('last_new_at'),
  text('last_error'),
  bool('initialized'),
  big('created_at'),
];

const seenCols = [text('feed_id'), text('key'), big('last_seen')];

// SQLite's rowid keeps a chat's terms in the order they were added; the target's id does that
const watchCols = [
  big('id', { src: 'rowid' }),
  big('chat_id'),
  text('term'),
  text('label'),
  big('created_at'),
];

const outboxCols = [
  big('id'),
  big('chat_id'),
  text('item_key'),
  text('kind'),
  text('payload', { hashed: true }),
  text('status'),
  int('attempts'),
  big('next_attempt_at'),
  big('created_at'),
  big('published_at'),
  big('sent_at'),
  big('message_id'),
  big('rollup_id'),
  text('last_error'),
  // a row the single instance was sending: a lapsed lease, so any instance may claim it again
  // (PostgreSQL's recover), as SQLite's startup recover would have; with no lease it would hang
  text('claimed_by', { src: "CASE WHEN status = 'sending' THEN 'migrate' END" }),
  big('lease_until', { src: "CASE WHEN status = 'sending' THEN 0 END" }),
];

/**
 * Every table a PostgreSQL deployment shares, in the order they copy (feeds before their seen
 * keys: the foreign key). Not copied: site_validators (each instance keeps its own conditional
 * GET state), the SQLite search tables (each instance's replica rebuilds from search_log) and
 * schema_migrations. Articles never change once stored, so the key and id tell them apart;
 * everything else is compared column by column.
 */
export const COPY_TABLES: TableSpec[] = [
  { table: 'kv', columns: kvCols, key: ['key'], compare: ['value', 'expires'] },
  {
    table: 'articles',
    columns: articleCols,
    key: ['seq'],
    // the id catches a seq SQLite handed out again after the newest rows were pruned
    compare: ['id'],
    uniques: [['id']],
    // the search log follows the archive in the same transaction, as createPgArchive writes it
    begin: lockSearchLog,
    after: async (c: pg.PoolClient, deleted: SqlRow[], inserted: SqlRow[]) => {
      const seqs = deleted.map((r) => Number(r.seq));
      if (seqs.length) {
        await c.query('DELETE FROM search_log WHERE seq = ANY($1::bigint[]) AND doc IS NOT NULL', [seqs]);
        await c.query('INSERT INTO search_log (seq, doc) SELECT unnest($1::bigint[]), NULL', [seqs]);
      }
      await appendSearchDocs(c, inserted.map(toDoc));
    },
  },
  { table: 'categories', columns: categoryCols, key: ['slug'], compare: names(categoryCols, ['slug']) },
  {
    table: 'feeds',
    columns: feedCols,
    key: ['id'],
    compare: names(feedCols, ['id']),
    uniques: [['slug'], ['url']],
  },
  { table: 'feed_seen', columns: seenCols, key: ['feed_id', 'key'], compare: ['last_seen'] },
  {
    table: 'watches',
    columns: watchCols,
    key: ['id'],
    compare: ['chat_id', 'term', 'label', 'created_at'],
    identity: true,
    uniques: [['chat_id', 'term']],
  },
  {
    table: 'outbox',
    columns: outboxCols,
    key: ['id'],
    compare: names(outboxCols, ['id', 'claimed_by', 'lease_until']),
    identity: true,
    uniques: [['chat_id', 'item_key']],
  },
];

/** the sequences behind the keys copied as they were, and the table each must pass */
export const SEQUENCES: Array<{ table: string; column: string }> = [
  { table: 'articles', column: 'seq' },
  { table: 'watches', column: 'id' },
  { table: 'outbox', column: 'id' },
];
