import type pg from 'pg';
import type { CorruptRowHandler } from '../../articles/store.ts';
import type { AsyncArticleStore, LatestQuery } from '../../articles/types.ts';
import { makeFromPgRow, type PgArticleRow, throwOnCorrupt } from './articles-schema.ts';

export { createPgArchive } from './archive.ts';
export { migratePgArchive } from './articles-schema.ts';

/**
 * The archive of src/articles/store.ts on PostgreSQL, shared by instances: the same reads with
 * the same semantics, answering in Promises. Writes go through `createPgArchive` (one
 * transaction with the search log). Call `migratePgArchive(pool)` first.
 */
export function createPgArticleStore(
  pool: pg.Pool,
  onCorrupt: CorruptRowHandler = throwOnCorrupt,
): AsyncArticleStore {
  const fromRow = makeFromPgRow(onCorrupt);
  const rows = async (sql: string, args: unknown[]) =>
    (await pool.query<PgArticleRow>(sql, args)).rows.map(fromRow);
  const one = async (sql: string, args: unknown[]) => (await rows(sql, args))[0];
  const scalar = async (sql: string): Promise<number> =>
    Number((await pool.query<{ n: string }>(sql)).rows[0]?.n ?? 0);

  return {
    has: async (id) => ((await pool.query('SELECT 1 FROM articles WHERE id = $1', [id])).rowCount ?? 0) > 0,
    get: (id) => one('SELECT * FROM articles WHERE id = $1', [id]),
    getBySeq: (seq) => one('SELECT * FROM articles WHERE seq = $1', [seq]),
    async latest(q: LatestQuery) {
      const cats = q.categories;
      if (cats && cats.length === 0) return [];
      // null means "no filter", so one statement serves every query shape
      return rows(
        `SELECT * FROM articles
         WHERE ($1::text[] IS NULL OR category = ANY($1)) AND ($2::bigint IS NULL OR seq > $2)
         ORDER BY published_at DESC, seq DESC LIMIT $3`,
        [cats ?? null, q.afterSeq ?? null, q.limit],
      );
    },
    async after(afterSeq, categories, limit) {
      if (categories && categories.length === 0) return [];
      return rows(
        `SELECT * FROM articles WHERE seq > $1 AND ($2::text[] IS NULL OR category = ANY($2))
         ORDER BY seq LIMIT $3`,
        [afterSeq, categories, limit],
      );
    },
    byStory: (key) => rows('SELECT * FROM articles WHERE story_key = $1 ORDER BY seq', [key]),
    async timeOf(id) {
      const r = await pool.query<{ published_at: string; shown_at: string | null }>(
        'SELECT published_at, shown_at FROM articles WHERE id = $1',
        [id],
      );
      const t = r.rows[0];
      return t
        ? { publishedAt: Number(t.published_at), shownAt: Number(t.shown_at ?? t.published_at) }
        : undefined;
    },
    count: () => scalar('SELECT count(*) AS n FROM articles'),
    maxSeq: () => scalar('SELECT coalesce(max(seq), 0) AS n FROM articles'),
    /** one statement: the seqs returned are exactly the rows it deleted */
    async prune(publishedBefore) {
      const r = await pool.query<{ seq: string }>(
        'DELETE FROM articles WHERE published_at < $1 RETURNING seq',
        [publishedBefore],
      );
      return r.rows.map((x) => Number(x.seq)).sort((a, b) => a - b);
    },
  };
}
