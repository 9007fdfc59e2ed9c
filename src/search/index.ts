import type { StoredArticle } from '../articles/types.ts';
import type { Db } from '../storage/db.ts';
import { ftsPhrase, gramDocument, gramToken, titleToken } from './grams.ts';
import { codePointLength, createNormalizer, type Normalizer } from './normalize.ts';
import { makeSnippet } from './snippet.ts';
import type { SearchHit, SearchIndex, SearchQuery, SearchResult } from './types.ts';

const DAY = 86_400_000;
/** the last 90 days rank before older articles */
export const FRESH_WINDOW = 90 * DAY;
export const MAX_TERMS = 8;
const MAX_LIMIT = 100;

/** body text as indexed and shown: the editor digest (if any) and the clean paragraphs */
export function articleBody(article: Pick<StoredArticle, 'digest' | 'paragraphs'>): string {
  return [article.digest ?? '', ...article.paragraphs].filter((p) => p.length > 0).join('\n');
}

/** normalized, deduplicated terms; a term contained in another adds nothing and is dropped */
export function normalizeTerms(normalizer: Normalizer, raw: readonly string[]): string[] {
  const all = raw.flatMap((t) => normalizer.normalize(t).split(' ')).filter((t) => t.length > 0);
  const unique = Array.from(new Set(all)).sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const t of unique) if (!kept.some((k) => k.includes(t))) kept.push(t);
  return kept.slice(0, MAX_TERMS);
}

interface Shape {
  sql: string;
  params: Record<string, string | number>;
}

/** the ranked, twin-free hit list as one statement; its text depends only on the query's shape */
function buildQuery(terms: readonly string[], q: SearchQuery): Shape {
  const long = terms.filter((t) => codePointLength(t) >= 3);
  const short = terms.filter((t) => codePointLength(t) < 3);
  const params: Record<string, string | number> = {
    fresh: q.now - FRESH_WINDOW,
    limit: Math.max(1, Math.min(MAX_LIMIT, q.limit)),
    offset: Math.max(0, q.offset),
  };
  const where: string[] = [];
  const inTitle: string[] = [];
  if (long.length > 0) {
    params.tri = long.map(ftsPhrase).join(' AND ');
    params.triTitle = `title : (${params.tri})`;
    where.push('d.seq IN (SELECT rowid FROM search_tri WHERE search_tri MATCH @tri)');
    inTitle.push('d.seq IN (SELECT rowid FROM search_tri WHERE search_tri MATCH @triTitle)');
  }
  if (short.length > 0) {
    const tokens = short.map(gramToken);
    params.grams = tokens.map(ftsPhrase).join(' AND ');
    params.gramsTitle = tokens.map((t) => ftsPhrase(titleToken(t))).join(' AND ');
    where.push('d.seq IN (SELECT rowid FROM search_grams WHERE search_grams MATCH @grams)');
    inTitle.push('d.seq IN (SELECT rowid FROM search_grams WHERE search_grams MATCH @gramsTitle)');
  }
  if (q.categories && q.categories.length > 0) {
    const names = q.categories.map((c, i) => {
      params[`c${i}`] = c;
      return `@c${i}`;
    });
    where.push(`d.category IN (${names.join(', ')})`);
  }
  if (q.since !== undefined) {
    params.since = q.since;
    where.push('d.published_at >= @since');
  }
  const order = '(published_at >= @fresh) DESC, in_title DESC, published_at DESC, seq DESC';
  const sql = `
    WITH hits AS (
      SELECT d.seq, d.published_at, d.story_key, (${inTitle.join(' AND ')}) AS in_title
      FROM search_docs d WHERE ${where.join(' AND ')}
    ), ranked AS (
      SELECT seq, published_at, in_title,
        ROW_NUMBER() OVER (PARTITION BY story_key ORDER BY ${order}) AS twin
      FROM hits
    )
    SELECT seq, in_title AS inTitle, COUNT(*) OVER () AS total
    FROM ranked WHERE twin = 1
    ORDER BY ${order}
    LIMIT @limit OFFSET @offset`;
  return { sql, params };
}

interface Row {
  seq: number;
  inTitle: number;
  total: number;
}

export function createSearchIndex(db: Db, opts: { normalizer?: Normalizer } = {}): SearchIndex {
  const normalizer = opts.normalizer ?? createNormalizer();
  const insertDoc = db.prepare(
    `INSERT INTO search_docs (seq, published_at, category, story_key, title, body)
     VALUES (@seq, @publishedAt, @category, @storyKey, @title, @body)`,
  );
  const insertTri = db.prepare('INSERT INTO search_tri (rowid, title, body) VALUES (?, ?, ?)');
  const insertGrams = db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)');
  const deletes = ['search_docs WHERE seq', 'search_tri WHERE rowid', 'search_grams WHERE rowid'].map((t) =>
    db.prepare(`DELETE FROM ${t} = ?`),
  );
  const getDoc = db.prepare('SELECT title, body FROM search_docs WHERE seq = ?');
  const statements = new Map<string, ReturnType<Db['prepare']>>();

  const removeOne = (seq: number): void => {
    for (const d of deletes) d.run(seq);
  };

  const addOne = (article: StoredArticle): void => {
    const body = articleBody(article);
    const normTitle = normalizer.normalize(article.title);
    const normBody = normalizer.normalize(body);
    removeOne(article.seq);
    insertDoc.run({ ...article, title: article.title, body });
    insertTri.run(article.seq, normTitle, normBody);
    insertGrams.run(article.seq, gramDocument(normTitle, normBody));
  };

  const addMany = db.transaction((articles: readonly StoredArticle[]) => {
    for (const a of articles) addOne(a);
  });
  const removeMany = db.transaction((seqs: readonly number[]) => {
    for (const s of seqs) removeOne(s);
  });

  return {
    add: (article) => addMany([article]),
    addMany: (articles) => addMany(articles),
    remove: (seqs) => removeMany(seqs),
    count: () => (db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number) ?? 0,
    normalize: (text) => normalizer.normalize(text),
    search(query: SearchQuery): SearchResult {
      const terms = normalizeTerms(normalizer, query.terms);
      if (terms.length === 0) return { total: 0, hits: [] };
      const { sql, params } = buildQuery(terms, query);
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        statements.set(sql, stmt);
      }
      let rows = stmt.all(params) as Row[];
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && query.offset > 0) {
        rows = [];
        total = ((stmt.all({ ...params, offset: 0, limit: 1 }) as Row[])[0]?.total ?? 0) as number;
      }
      const hits: SearchHit[] = rows.map((r) => {
        const doc = getDoc.get(r.seq) as { title: string; body: string } | undefined;
        return {
          seq: r.seq,
          inTitle: r.inTitle === 1,
          snippet: makeSnippet(normalizer, doc?.title ?? '', doc?.body ?? '', terms),
        };
      });
      return { total, hits };
    },
  };
}
