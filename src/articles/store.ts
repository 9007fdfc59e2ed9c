import type { Db } from '../storage/db.ts';
import type { Article, ArticleStore, LatestQuery, StoredArticle } from './types.ts';

interface Row {
  seq: number;
  id: string;
  url: string;
  category: string;
  source: string;
  title: string;
  published_at: number;
  paragraphs: string;
  digest: string | null;
  attribution: string | null;
  source_link: string | null;
  images: string;
  story_key: string;
  summary: string;
  fetched_at: number;
  shown_at: number | null;
  urgent: number;
  tags: string;
}

/** Called when a stored row can't be read back whole (a corrupt JSON column). */
export type CorruptRowHandler = (info: { seq: number; field: string; error: string }) => void;

function listColumn(r: Row, field: 'paragraphs' | 'images' | 'tags', onCorrupt: CorruptRowHandler): string[] {
  try {
    const v: unknown = JSON.parse(r[field]);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    throw new Error('not a list of strings');
  } catch (err) {
    // the rest of the row (title, link, summary) is still served; the raw column stays in the table
    onCorrupt({ seq: r.seq, field, error: (err as Error).message });
    return [];
  }
}

const makeFromRow =
  (onCorrupt: CorruptRowHandler) =>
  (r: Row): StoredArticle => ({
    seq: r.seq,
    id: r.id,
    url: r.url,
    category: r.category,
    source: r.source,
    title: r.title,
    publishedAt: r.published_at,
    paragraphs: listColumn(r, 'paragraphs', onCorrupt),
    digest: r.digest,
    attribution: r.attribution,
    sourceLink: r.source_link,
    images: listColumn(r, 'images', onCorrupt),
    storyKey: r.story_key,
    shownAt: r.shown_at ?? r.published_at,
    summary: r.summary,
    fetchedAt: r.fetched_at,
    urgent: r.urgent === 1,
    tags: listColumn(r, 'tags', onCorrupt),
  });

/** The archive on SQLite: the only writer of the articles table. */
export function createArticleStore(
  db: Db,
  onCorrupt: CorruptRowHandler = ({ seq, field, error }) => {
    throw new Error(`article ${seq} has a corrupt ${field} column: ${error}`);
  },
): ArticleStore {
  const fromRow = makeFromRow(onCorrupt);
  const byId = db.prepare<[string], Row>('SELECT * FROM articles WHERE id = ?');
  const bySeq = db.prepare<[number], Row>('SELECT * FROM articles WHERE seq = ?');
  const times = db.prepare<[string], { published_at: number; shown_at: number | null }>(
    'SELECT published_at, shown_at FROM articles WHERE id = ?',
  );
  const hasId = db.prepare<[string], number>('SELECT 1 FROM articles WHERE id = ?').pluck();
  const insert = db.prepare(`INSERT INTO articles (id, url, category, source, title, published_at,
      paragraphs, digest, attribution, source_link, images, story_key, summary, fetched_at, shown_at,
      urgent, tags)
    VALUES (@id, @url, @category, @source, @title, @publishedAt, @paragraphs, @digest, @attribution,
      @sourceLink, @images, @storyKey, @summary, @fetchedAt, @shownAt, @urgent, @tags)
    ON CONFLICT (id) DO NOTHING`);
  const story = db.prepare<[string], Row>('SELECT * FROM articles WHERE story_key = ? ORDER BY seq');
  const count = db.prepare<[], number>('SELECT count(*) FROM articles').pluck();
  const maxSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM articles').pluck();
  const old = db
    .prepare<[number], number>('SELECT seq FROM articles WHERE published_at < ? ORDER BY seq')
    .pluck();
  const del = db.prepare('DELETE FROM articles WHERE published_at < ?');

  const inList = (n: number) => `(${Array.from({ length: n }, () => '?').join(',')})`;

  return {
    has: (id) => hasId.get(id) !== undefined,
    get(id) {
      const r = byId.get(id);
      return r ? fromRow(r) : undefined;
    },
    getBySeq(seq) {
      const r = bySeq.get(seq);
      return r ? fromRow(r) : undefined;
    },
    insert(article: Article, summary: string, fetchedAt: number) {
      const res = insert.run({
        ...article,
        paragraphs: JSON.stringify(article.paragraphs),
        images: JSON.stringify(article.images),
        shownAt: article.shownAt ?? article.publishedAt,
        urgent: article.urgent ? 1 : 0,
        tags: JSON.stringify(article.tags ?? []),
        summary,
        fetchedAt,
      });
      const stored = fromRow(byId.get(article.id)!);
      return { article: stored, inserted: res.changes > 0 };
    },
    latest(q: LatestQuery) {
      const cats = q.categories;
      if (cats && cats.length === 0) return [];
      const where: string[] = [];
      const args: unknown[] = [];
      if (cats) {
        where.push(`category IN ${inList(cats.length)}`);
        args.push(...cats);
      }
      if (q.afterSeq !== undefined) {
        where.push('seq > ?');
        args.push(q.afterSeq);
      }
      const sql = `SELECT * FROM articles ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY published_at DESC, seq DESC LIMIT ?`;
      return db
        .prepare<unknown[], Row>(sql)
        .all(...args, q.limit)
        .map(fromRow);
    },
    after(afterSeq, categories, limit) {
      if (categories && categories.length === 0) return [];
      const sql = categories
        ? `SELECT * FROM articles WHERE seq > ? AND category IN ${inList(categories.length)} ORDER BY seq LIMIT ?`
        : 'SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?';
      const args = categories ? [afterSeq, ...categories, limit] : [afterSeq, limit];
      return db
        .prepare<unknown[], Row>(sql)
        .all(...args)
        .map(fromRow);
    },
    byStory: (key) => story.all(key).map(fromRow),
    timeOf(id) {
      const r = times.get(id);
      return r ? { publishedAt: r.published_at, shownAt: r.shown_at ?? r.published_at } : undefined;
    },
    count: () => count.get() ?? 0,
    maxSeq: () => maxSeq.get() ?? 0,
    prune(publishedBefore) {
      return db.transaction(() => {
        const seqs = old.all(publishedBefore);
        del.run(publishedBefore);
        return seqs;
      })();
    },
  };
}
