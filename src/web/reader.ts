import type { StoredArticle } from '../articles/types.ts';
import type { Deps } from '../deps.ts';
import { parseSearch } from '../search/query.ts';
import { LATEST_MAX, newestStories } from '../service/reader.ts';
import { HttpError } from './http.ts';

type ReaderDeps = Pick<Deps, 'articles' | 'registry' | 'categories' | 'search' | 'metrics' | 'now'>;

/** One line of a list: what the app shows before the article is opened. */
export interface ArticleItem {
  seq: number;
  title: string;
  source: string;
  category: string;
  publishedAt: number;
  summary: string;
  url: string;
}

export const SEARCH_PAGE = 10;
const SUMMARY_MAX = 160;

export function item(a: StoredArticle): ArticleItem {
  return {
    seq: a.seq,
    title: a.title || a.id,
    source: a.source || a.category,
    category: a.category,
    publishedAt: a.publishedAt,
    summary: Array.from(a.summary ?? '')
      .slice(0, SUMMARY_MAX)
      .join(''),
    url: a.url,
  };
}

/** Newest stories of one source (`source` as /latest takes it), of some slugs, or of the site. */
export async function latest(deps: ReaderDeps, source: string, fallback: readonly string[] | undefined) {
  let categories = fallback?.length ? fallback : undefined;
  if (source) {
    const slug = deps.categories.lookup(source);
    if (!slug) throw new HttpError(400, 'unknown-source', `no source called ${source}`, 'source');
    categories = [slug];
  }
  return { articles: (await newestStories(deps.articles, categories, LATEST_MAX)).map(item) };
}

/** The same query syntax as /search: words, `#source`, one `@7d` window. */
export async function search(deps: ReaderDeps, q: string, page: number) {
  const parsed = parseSearch(q, deps.registry);
  if (parsed.kind === 'usage') throw new HttpError(400, 'empty-query', 'type a word to search for', 'q');
  if (parsed.kind === 'unknown-category')
    throw new HttpError(400, 'unknown-source', `no source called ${parsed.word}`, 'q');
  if (parsed.kind === 'bad-time') throw new HttpError(400, 'bad-window', `not a window: ${parsed.word}`, 'q');
  const now = deps.now();
  const started = performance.now();
  const result = await deps.search.search({
    terms: parsed.terms,
    categories: parsed.categories,
    ...(parsed.window !== undefined ? { since: now - parsed.window } : {}),
    offset: page * SEARCH_PAGE,
    limit: SEARCH_PAGE,
    now,
  });
  deps.metrics.searchLatency.observe((performance.now() - started) / 1000);
  const found = await Promise.all(
    result.hits.map(async (hit) => ({ hit, a: await deps.articles.getBySeq(hit.seq) })),
  );
  const hits = found.flatMap(({ hit, a }) => (a ? [{ ...item(a), snippet: hit.snippet }] : []));
  return {
    total: result.total,
    page,
    pages: Math.max(1, Math.ceil(result.total / SEARCH_PAGE)),
    display: parsed.display,
    hits,
  };
}

/** The full clean text, and every source that carried the story (twins and the attribution). */
export async function article(deps: ReaderDeps, seq: number) {
  const a = await deps.articles.getBySeq(seq);
  if (!a) throw new HttpError(404, 'not-found', `no article ${seq}`);
  const twins = (await deps.articles.byStory(a.storyKey))
    .filter((t) => t.seq !== a.seq)
    .map((t) => ({ seq: t.seq, source: t.source || t.category, url: t.url }));
  return {
    ...item(a),
    digest: a.digest,
    paragraphs: a.paragraphs,
    attribution: a.attribution,
    sourceLink: a.sourceLink,
    alsoIn: twins,
  };
}
