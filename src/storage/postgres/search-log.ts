import type pg from 'pg';
import type { StoredArticle } from '../../articles/types.ts';

/** What the search index reads of an article; the log keeps nothing else. */
export type SearchDoc = Pick<
  StoredArticle,
  'seq' | 'storyKey' | 'publishedAt' | 'category' | 'title' | 'digest' | 'paragraphs'
>;

export interface LogEntry {
  id: number;
  seq: number;
  /** null: the article was removed */
  doc: SearchDoc | null;
}

const SEARCH_LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS search_log (
    id bigserial PRIMARY KEY,
    seq bigint NOT NULL,
    doc jsonb
  );
  CREATE INDEX IF NOT EXISTS search_log_seq ON search_log (seq);
`;

// writers queue behind one lock, so log ids commit in order and a reader that saw id N has
// seen everything below it (a bigserial alone can commit 12 before 11)
const WRITE_LOCK = 0x6b78_5345; // 'kxSE'

const toDoc = (a: SearchDoc): SearchDoc => ({
  seq: a.seq,
  storyKey: a.storyKey,
  publishedAt: a.publishedAt,
  category: a.category,
  title: a.title,
  digest: a.digest,
  paragraphs: a.paragraphs,
});

/** Creates the log table if missing; `q` may be a client inside a caller's migration transaction. */
export const migrateSearchLog = (q: pg.Pool | pg.ClientBase): Promise<void> =>
  q.query(SEARCH_LOG_SCHEMA).then(() => undefined);

/**
 * Takes the log's write lock for the rest of the client's transaction. A writer that also
 * touches other tables (the archive) takes it before anything else: taken after a row lock it
 * could deadlock with another writer holding the lock and waiting for that row.
 */
export const lockSearchLog = (c: pg.ClientBase): Promise<void> =>
  c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]).then(() => undefined);

const insertDocs = (c: pg.ClientBase, docs: readonly SearchDoc[]) =>
  c.query('INSERT INTO search_log (seq, doc) SELECT * FROM unnest($1::bigint[], $2::jsonb[])', [
    docs.map((d) => d.seq),
    docs.map((d) => JSON.stringify(toDoc(d))),
  ]);

/**
 * Appends docs inside the caller's open transaction (`c` has run BEGIN), so they commit or
 * roll back with the caller's other writes. Takes the write lock (again, if held: harmless).
 */
export async function appendSearchDocs(c: pg.ClientBase, docs: readonly SearchDoc[]): Promise<void> {
  if (docs.length === 0) return;
  await lockSearchLog(c);
  await insertDocs(c, docs);
}

/**
 * The archive's search feed on PostgreSQL: every indexed article and every removal, in
 * commit order. A removal deletes the article's entry and leaves a tombstone, so a new
 * instance replays only what is still there.
 */
export function createSearchLog(pool: pg.Pool) {
  const write = async (fn: (c: pg.PoolClient) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await lockSearchLog(c);
      await fn(c);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  };
  return {
    migrate: () => migrateSearchLog(pool),
    append: (docs: readonly SearchDoc[]) =>
      docs.length === 0
        ? Promise.resolve()
        : write(async (c) => {
            await insertDocs(c, docs);
          }),
    remove: (seqs: readonly number[]) =>
      seqs.length === 0
        ? Promise.resolve()
        : write(async (c) => {
            await c.query('DELETE FROM search_log WHERE seq = ANY($1::bigint[]) AND doc IS NOT NULL', [seqs]);
            await c.query('INSERT INTO search_log (seq, doc) SELECT unnest($1::bigint[]), NULL', [seqs]);
          }),
    async after(id: number, limit: number): Promise<LogEntry[]> {
      const r = await pool.query<{ id: string; seq: string; doc: SearchDoc | null }>(
        'SELECT id, seq, doc FROM search_log WHERE id > $1 ORDER BY id LIMIT $2',
        [id, limit],
      );
      return r.rows.map((row) => ({ id: Number(row.id), seq: Number(row.seq), doc: row.doc }));
    },
    /** bytes of the log table and its indexes */
    async size(): Promise<number> {
      const r = await pool.query<{ n: string }>("SELECT pg_total_relation_size('search_log') AS n");
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}
