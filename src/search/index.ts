import type { StoredArticle } from '../articles/types.ts';
import type { Db } from '../storage/db.ts';
import { categoryMeta, gramDocument } from './grams.ts';
import { createNormalizer, type Normalizer } from './normalize.ts';
import { createRanker, plan, timeKey } from './plan.ts';
import { makeSnippet } from './snippet.ts';
import { createTextSource, type DocText } from './texts.ts';
import type { SearchHit, SearchIndex, SearchQuery, SearchResult } from './types.ts';

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

interface DocRow extends DocText {
  seq: number;
  category: string;
}

/**
 * Exact substring search over the archive. Twin posts (one story key) form one story, indexed
 * as one FTS row over all their text: a story matches when every term occurs in it, and it is
 * listed once, shown through one of its posts.
 */
export function createSearchIndex(
  db: Db,
  opts: { normalizer?: Normalizer; texts?: 'auto' | 'own' | 'articles' } = {},
): SearchIndex {
  const normalizer = opts.normalizer ?? createNormalizer();
  const texts = createTextSource(db, opts.texts);
  const rank = createRanker(db);
  const st = {
    storyByKey: db.prepare('SELECT key FROM search_stories WHERE story_key = ?').pluck(),
    keyTaken: db.prepare('SELECT 1 FROM search_stories WHERE key = ?').pluck(),
    insertStory: db.prepare('INSERT INTO search_stories (key, story_key) VALUES (?, ?)'),
    deleteStory: db.prepare('DELETE FROM search_stories WHERE key = ?'),
    docStory: db.prepare('SELECT story FROM search_docs WHERE seq = ?').pluck(),
    insertDoc: db.prepare(
      `INSERT INTO search_docs (seq, story, published_at, category, title, body)
       VALUES (@seq, @story, @publishedAt, @category, @title, @body)`,
    ),
    deleteDoc: db.prepare('DELETE FROM search_docs WHERE seq = ?'),
    storyDocs: db.prepare('SELECT seq, category FROM search_docs WHERE story = ? ORDER BY seq'),
    insertTri: db.prepare('INSERT INTO search_tri (rowid, body, title, meta) VALUES (?, ?, ?, ?)'),
    deleteTri: db.prepare('DELETE FROM search_tri WHERE rowid = ?'),
    insertTitle: db.prepare('INSERT INTO search_tri_title (rowid, title, meta) VALUES (?, ?, ?)'),
    deleteTitle: db.prepare('DELETE FROM search_tri_title WHERE rowid = ?'),
    insertGrams: db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)'),
    deleteGrams: db.prepare('DELETE FROM search_grams WHERE rowid = ?'),
    count: db.prepare('SELECT count(*) FROM search_docs').pluck(),
  };

  /** the posts of a story with their text; `current` is taken as given (it may not be stored yet) */
  const storyDocs = (story: number, current?: DocRow): DocRow[] =>
    (st.storyDocs.all(story) as Array<Pick<DocRow, 'seq' | 'category'>>).map((d) =>
      d.seq === current?.seq ? current : { ...d, ...(texts.get(d.seq) ?? { title: '', body: '' }) },
    );

  /** (re)writes the FTS rows of a story from all its posts */
  const indexStory = (
    key: number,
    docs: readonly Pick<DocRow, 'category' | 'title' | 'body'>[],
    existed: boolean,
  ): void => {
    // deleting a rowid that is not there would still cost a tombstone in a contentless table
    if (existed) {
      st.deleteTri.run(key);
      st.deleteTitle.run(key);
      st.deleteGrams.run(key);
    }
    if (docs.length === 0) return;
    // posts are joined with a space: no term contains one, so no match spans two posts
    const title = docs.map((d) => normalizer.normalize(d.title)).join(' ');
    const body = docs.map((d) => normalizer.normalize(d.body)).join(' ');
    const categories = Array.from(new Set(docs.map((d) => d.category)));
    const meta = categories.map(categoryMeta).join(' ');
    st.insertTri.run(key, body, title, meta);
    st.insertTitle.run(key, title, meta);
    st.insertGrams.run(key, gramDocument(title, body, categories));
  };

  const removeOne = (seq: number): void => {
    const story = st.docStory.get(seq) as number | undefined;
    if (story === undefined) return;
    st.deleteDoc.run(seq);
    const rest = storyDocs(story);
    if (rest.length === 0) st.deleteStory.run(story);
    indexStory(story, rest, true);
  };

  const addOne = (article: StoredArticle): void => {
    removeOne(article.seq);
    const body = articleBody(article);
    let story = st.storyByKey.get(article.storyKey) as number | undefined;
    const twin = story !== undefined;
    if (story === undefined) {
      story = timeKey(article.publishedAt);
      while (st.keyTaken.get(story)) story++;
      st.insertStory.run(story, article.storyKey);
    }
    const doc: DocRow = { seq: article.seq, category: article.category, title: article.title, body };
    st.insertDoc.run({ ...article, story, ...(texts.ownCopy ? { body } : { title: '', body: '' }) });
    indexStory(story, twin ? storyDocs(story, doc) : [doc], twin);
  };

  const addMany = db.transaction((articles: readonly StoredArticle[]) => {
    for (const a of articles) addOne(a);
  });
  const removeMany = db.transaction((seqs: readonly number[]) => {
    for (const s of seqs) removeOne(s);
  });

  /** the post that shows a story: in the filtered categories, most terms in its title */
  const representative = (key: number, terms: readonly string[], categories?: readonly string[]) => {
    const docs = storyDocs(key).filter((d) => !categories?.length || categories.includes(d.category));
    if (docs.length <= 1) return docs[0];
    const score = (d: DocRow) => {
      const t = normalizer.normalize(d.title);
      const b = normalizer.normalize(d.body);
      return terms.reduce((s, term) => s + (t.includes(term) ? 2 : b.includes(term) ? 1 : 0), 0);
    };
    return docs.map((d) => ({ d, s: score(d) })).sort((a, b) => b.s - a.s || a.d.seq - b.d.seq)[0]?.d;
  };

  return {
    add: (article) => addMany([article]),
    addMany: (articles) => addMany(articles),
    remove: (seqs) => removeMany(seqs),
    count: () => st.count.get() as number,
    normalize: (text) => normalizer.normalize(text),
    search(query: SearchQuery): SearchResult {
      const terms = normalizeTerms(normalizer, query.terms);
      if (terms.length === 0) return { total: 0, hits: [] };
      const { total, keys } = rank(plan(terms, query.categories ?? []), {
        since: query.since,
        now: query.now,
        limit: Math.max(1, Math.min(MAX_LIMIT, query.limit)),
        offset: Math.max(0, query.offset),
      });
      const hits: SearchHit[] = [];
      for (const { key, inTitle } of keys) {
        const doc = representative(key, terms, query.categories);
        if (!doc) continue;
        hits.push({ seq: doc.seq, inTitle, snippet: makeSnippet(normalizer, doc.title, doc.body, terms) });
      }
      return { total, hits };
    },
  };
}
