import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredArticle } from '../../src/articles/types.ts';
import { articleBody, createSearchIndex } from '../../src/search/index.ts';
import { createNormalizer, type Normalizer } from '../../src/search/normalize.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import type { SearchIndex, SearchQuery } from '../../src/search/types.ts';
import { type Db, openDb } from '../../src/storage/db.ts';
import { generatedArticles, snapshotArticles } from '../search/corpus.ts';

export const NOW = Date.parse('2022-06-01T12:00:00+08:00');

export interface Fixture {
  db: Db;
  index: SearchIndex;
  normalizer: Normalizer;
  articles: StoredArticle[];
  close(): void;
}

/** the snapshot posts and the generated ones, seq in publish order */
export function fixtureArticles(extra: Omit<StoredArticle, 'seq'>[] = []): StoredArticle[] {
  return [...snapshotArticles(), ...generatedArticles(NOW), ...extra]
    .sort((a, b) => a.publishedAt - b.publishedAt)
    .map((a, i) => ({ ...a, seq: i + 1 }));
}

/** a real SQLite file with the fixture articles */
export function openFixture(extra: Omit<StoredArticle, 'seq'>[] = []): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'kx-search-'));
  const db = openDb(join(dir, 'search.sqlite'), searchMigrations);
  const normalizer = createNormalizer();
  const index = createSearchIndex(db, { normalizer });
  const articles = fixtureArticles(extra);
  index.addMany(articles);
  return {
    db,
    index,
    normalizer,
    articles,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Story {
  storyKey: string;
  posts: StoredArticle[];
  /** publish time of its first post */
  at: number;
  title: string;
  text: string;
}

/** what the brute-force oracle needs: the corpus and the index's normalization */
export type Corpus = Pick<Fixture, 'normalizer' | 'articles'>;

const storyCache = new WeakMap<Corpus, Story[]>();

/** twin posts grouped into stories, their text normalized the way the index does it */
export function stories(f: Corpus): Story[] {
  const cached = storyCache.get(f);
  if (cached) return cached;
  const groups = new Map<string, StoredArticle[]>();
  for (const a of f.articles) groups.set(a.storyKey, [...(groups.get(a.storyKey) ?? []), a]);
  const out = [...groups.entries()].map(([storyKey, posts]) => ({
    storyKey,
    posts,
    at: posts[0]!.publishedAt,
    title: posts.map((p) => f.normalizer.normalize(p.title)).join(' '),
    text: posts
      .map((p) => `${f.normalizer.normalize(p.title)} ${f.normalizer.normalize(articleBody(p))}`)
      .join(' '),
  }));
  storyCache.set(f, out);
  return out;
}

/** brute force: the stories that contain every normalized term (and pass the filters) */
export function expectedMatches(
  f: Corpus,
  terms: readonly string[],
  filter: Partial<SearchQuery> = {},
): Story[] {
  const norm = terms.flatMap((t) => f.normalizer.normalize(t).split(' ')).filter(Boolean);
  return stories(f).filter((s) => {
    if (filter.categories && !s.posts.some((p) => filter.categories!.includes(p.category))) return false;
    if (filter.since !== undefined && s.at < filter.since) return false;
    return norm.length > 0 && norm.every((t) => s.text.includes(t));
  });
}

/** every hit of a query, page by page */
export function searchAll(f: Fixture, terms: string[], filter: Partial<SearchQuery> = {}) {
  const hits = [];
  let total = -1;
  for (let offset = 0; ; offset += 7) {
    const r = f.index.search({ terms, offset, limit: 7, now: NOW, ...filter });
    if (total < 0) total = r.total;
    hits.push(...r.hits);
    if (r.hits.length < 7) break;
  }
  return { total, hits };
}
