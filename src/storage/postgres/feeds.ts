import type pg from 'pg';
import type { FeedStore } from '../../sources/store/types.ts';
import type { Async } from '../async.ts';
import { int } from './ddl.ts';
import { fromPgRow, type PgFeedRow } from './feeds-schema.ts';

export { migratePgFeeds } from './feeds-schema.ts';

/**
 * The feed store of src/sources/store/sqlite.ts on PostgreSQL, shared by instances: the same
 * methods and semantics, answering in Promises. Each method is one statement, so what two
 * instances do at once interleaves per statement as it would on SQLite. Key lists go over as
 * one array parameter (no per-statement variable cap to chunk around). Call `migratePgFeeds`
 * first.
 */
export function createPgFeedStore(pool: pg.Pool): Async<FeedStore> {
  const q = pool.query.bind(pool) as pg.Pool['query'];
  const feeds = async (sql: string, args: unknown[]) => (await q<PgFeedRow>(sql, args)).rows.map(fromPgRow);
  const one = async (sql: string, args: unknown[]) => (await feeds(sql, args))[0];
  const run = async (sql: string, args: unknown[]) => void (await q(sql, args));
  const byId = (id: string) => one('SELECT * FROM feeds WHERE id = $1', [id]);

  return {
    async add(feed, now) {
      // no conflict target: with ON CONFLICT (id), two instances adding one feed at once fail
      // on the slug index (PostgreSQL resolves only the named index's conflicts), where SQLite,
      // one writer, never races. A slug or URL held by another id still fails, below.
      await q(
        `INSERT INTO feeds (id, slug, kind, url, title, site_url, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [feed.id, feed.slug, feed.kind, feed.url, feed.title ?? '', feed.siteUrl ?? null, now],
      );
      // a statement of its own: it sees a row another instance committed while we waited
      const stored = await byId(feed.id);
      if (!stored) throw new Error(`feed ${feed.id}: its slug or URL belongs to another feed`);
      return stored;
    },
    get: byId,
    bySlug: (slug) => one('SELECT * FROM feeds WHERE slug = $1', [slug]),
    byUrl: (url) => one('SELECT * FROM feeds WHERE url = $1', [url]),
    all: () => feeds('SELECT * FROM feeds ORDER BY created_at, id', []),
    async count(kind) {
      const r = kind
        ? await q<{ n: string }>('SELECT count(*) AS n FROM feeds WHERE kind = $1', [kind])
        : await q<{ n: string }>('SELECT count(*) AS n FROM feeds');
      return int(r.rows[0]?.n ?? 0);
    },
    due: (now, limit) =>
      feeds('SELECT * FROM feeds WHERE next_due_at <= $1 ORDER BY next_due_at, id LIMIT $2', [now, limit]),
    recordOk: (id, r) =>
      run(
        `UPDATE feeds SET etag = $2, last_modified = $3, next_due_at = $4, failures = 0, last_ok_at = $5,
           last_error = NULL,
           title = CASE WHEN title = '' THEN $6::text ELSE title END,
           site_url = coalesce($7::text, site_url),
           empty_reads = CASE WHEN $8::int = 0 THEN empty_reads + 1 WHEN $8::int > 0 THEN 0 ELSE empty_reads END,
           last_new_at = CASE WHEN $9::int > 0 THEN $5 ELSE last_new_at END
         WHERE id = $1`,
        [
          id,
          r.validators.etag ?? null,
          r.validators.lastModified ?? null,
          r.nextDueAt,
          r.at,
          r.title ?? '',
          r.siteUrl ?? null,
          r.items === 'not-modified' ? -1 : r.items,
          r.newItems,
        ],
      ),
    recordError: (id, r) =>
      run('UPDATE feeds SET failures = failures + 1, last_error = $2, next_due_at = $3 WHERE id = $1', [
        id,
        r.error.slice(0, 500),
        r.nextDueAt,
      ]),
    park: (id, until) =>
      run('UPDATE feeds SET initialized = false, next_due_at = $2 WHERE id = $1', [id, until]),
    markInitialized: (id) => run('UPDATE feeds SET initialized = true WHERE id = $1', [id]),
    moveUrl: (id, url) =>
      run('UPDATE feeds SET url = $2, etag = NULL, last_modified = NULL WHERE id = $1', [id, url]),
    async unseen(id, keys) {
      const unique = [...new Set(keys)];
      if (!unique.length) return [];
      const r = await q<{ key: string }>(
        'SELECT key FROM feed_seen WHERE feed_id = $1 AND key = ANY ($2::text[])',
        [id, unique],
      );
      const known = new Set(r.rows.map((row) => row.key));
      return unique.filter((k) => !known.has(k));
    },
    async see(id, keys, now) {
      if (!keys.length) return;
      // distinct (one row may not be updated twice in a statement) and sorted, so two instances
      // seeing overlapping keys take the row locks in one order and cannot deadlock
      await q(
        `INSERT INTO feed_seen (feed_id, key, last_seen)
         SELECT $1, key, $3 FROM (SELECT DISTINCT unnest($2::text[]) COLLATE "C" AS key) k ORDER BY key
         ON CONFLICT (feed_id, key) DO UPDATE SET last_seen = greatest(feed_seen.last_seen, excluded.last_seen)`,
        [id, [...keys], now],
      );
    },
    touchAll: (id, now) => run('UPDATE feed_seen SET last_seen = $2 WHERE feed_id = $1', [id, now]),
    forget: async (id, seenBefore) =>
      (await q('DELETE FROM feed_seen WHERE feed_id = $1 AND last_seen < $2', [id, seenBefore])).rowCount ??
      0,
  };
}
