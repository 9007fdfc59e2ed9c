import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredArticle } from '../../src/articles/types.ts';
import { articleBody, createSearchIndex } from '../../src/search/index.ts';
import { createNormalizer, type Normalizer } from '../../src/search/normalize.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import type { SearchIndex, SearchQuery } from '../../src/search/types.ts';
import { type Db, openDb } from '../../src/storage/db.ts';
import { generatedArticles, snapshotArticles } from './corpus.ts';

export const NOW = Date.parse('2022-06-01T12:00:00+08:00');

export interface Fixture {
  db: Db;
  index: SearchIndex;
  normalizer: Normalizer;
  articles: StoredArticle[];
  close(): void;
}

/** a real SQLite file with the snapshot posts and the generated ones, seq in publish order */
export function openFixture(extra: Omit<StoredArticle, 'seq'>[] = []): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'kx-search-'));
  const db = openDb(join(dir, 'search.sqlite'), searchMigrations);
  const normalizer = createNormalizer();
  const index = createSearchIndex(db, { normalizer });
  const articles = [...snapshotArticles(), ...generatedArticles(NOW), ...extra]
    .sort((a, b) => a.publishedAt - b.publishedAt)
    .map((a, i) => ({ ...a, seq: i + 1 }));
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

/** brute force: the articles whose title or body contains every normalized term */
export function expectedMatches(f: Fixture, terms: readonly string[], filter: Partial<SearchQuery> = {}) {
  const norm = terms.flatMap((t) => f.normalizer.normalize(t).split(' ')).filter(Boolean);
  return f.articles.filter((a) => {
    if (filter.categories && !filter.categories.includes(a.category)) return false;
    if (filter.since !== undefined && a.publishedAt < filter.since) return false;
    const title = f.normalizer.normalize(a.title);
    const body = f.normalizer.normalize(articleBody(a));
    return norm.length > 0 && norm.every((t) => title.includes(t) || body.includes(t));
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
