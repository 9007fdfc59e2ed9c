import type pg from 'pg';
import type { CorruptRowHandler } from '../../articles/store.ts';
import type { Archive, NewArticle, StoredArticle } from '../../articles/types.ts';
import { makeFromPgRow, type PgArticleRow, throwOnCorrupt } from './articles-schema.ts';
import { inTx } from './outbox-schema.ts';
import { appendSearchDocs, lockSearchLog } from './search-log.ts';

const INSERT = `
  INSERT INTO articles (id, url, category, source, title, published_at, paragraphs, digest,
    attribution, source_link, images, story_key, summary, fetched_at, shown_at, urgent, tags)
  SELECT id, url, category, source, title, published_at, paragraphs, digest, attribution,
    source_link, images, story_key, summary, $17, shown_at, urgent, tags
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[],
    $15::boolean[], $16::text[])
    WITH ORDINALITY AS u (id, url, category, source, title, published_at, paragraphs, digest,
      attribution, source_link, images, story_key, summary, shown_at, urgent, tags, ord)
  -- only ids not stored yet, each once: a conflicting row would still draw a seq and leave a gap
  WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = u.id)
    AND ord = (SELECT min(o) FROM unnest($1::text[]) WITH ORDINALITY AS d (id, o) WHERE d.id = u.id)
  ORDER BY ord
  ON CONFLICT (id) DO NOTHING
  RETURNING seq`;

const columns = (items: readonly NewArticle[]) => {
  const col = <T>(f: (x: NewArticle) => T) => items.map(f);
  return [
    col((x) => x.article.id),
    col((x) => x.article.url),
    col((x) => x.article.category),
    col((x) => x.article.source),
    col((x) => x.article.title),
    col((x) => x.article.publishedAt),
    col((x) => JSON.stringify(x.article.paragraphs)),
    col((x) => x.article.digest),
    col((x) => x.article.attribution),
    col((x) => x.article.sourceLink),
    col((x) => JSON.stringify(x.article.images)),
    col((x) => x.article.storyKey),
    col((x) => x.summary),
    col((x) => x.article.shownAt ?? x.article.publishedAt),
    col((x) => x.article.urgent === true),
    col((x) => JSON.stringify(x.article.tags ?? [])),
  ];
};

/**
 * Ingest's write on PostgreSQL (the `Archive` port): the new articles and their search docs
 * in one transaction, so no instance ever sees an archived article its replica can't find.
 *
 * The search log's write lock is taken first. It orders the log (search-log.ts) and, since
 * every archive writer holds it, serializes them: an id two instances insert at once is
 * inserted by the first and read back by the second, never failing on the unique index.
 * Taken after the insert instead, it could deadlock with a writer waiting on our new row.
 */
export function createPgArchive(pool: pg.Pool, onCorrupt: CorruptRowHandler = throwOnCorrupt): Archive {
  // a stored row read back for an id already archived may have a corrupt column
  const fromRow = makeFromPgRow(onCorrupt);
  return {
    async insertMany(items, fetchedAt) {
      if (items.length === 0) return [];
      return inTx(pool, async (c) => {
        await lockSearchLog(c);
        // one statement for the batch; seqs are drawn in input order (ORDER BY ord)
        const made = await c.query<{ seq: string }>(INSERT, [...columns(items), fetchedAt]);
        const newSeqs = new Set(made.rows.map((r) => Number(r.seq)));
        const stored = await c.query<PgArticleRow>('SELECT * FROM articles WHERE id = ANY($1::text[])', [
          items.map((x) => x.article.id),
        ]);
        const byId = new Map(stored.rows.map((r) => [r.id, fromRow(r)]));
        const claimed = new Set<number>();
        const out = items.map((x): { article: StoredArticle; inserted: boolean } => {
          const article = byId.get(x.article.id);
          if (!article) throw new Error(`article ${x.article.id} is neither new nor stored`);
          // an id twice in one batch: only its first occurrence counts as inserted
          const inserted = newSeqs.has(article.seq) && !claimed.has(article.seq);
          if (inserted) claimed.add(article.seq);
          return { article, inserted };
        });
        await appendSearchDocs(
          c,
          out.filter((r) => r.inserted).map((r) => r.article),
        );
        return out;
      });
    },
  };
}
