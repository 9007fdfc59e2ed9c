import type { ArticleStore, StoredArticle } from '../articles/types.ts';
import { STORY_WINDOW_MS } from '../match/near-duplicate.ts';
import { createStoryClusterer } from '../match/story-clusterer.ts';
import type { Normalizer } from '../search/normalize.ts';
import { articleKey } from './fanout-key.ts';

export interface StoryRoute {
  /** the outbox key of the story: its first copy's (one push per chat and story) */
  key: string;
  /** an earlier copy of this story (another source, or a twin post) is in the window */
  isCopy: boolean;
  /** every source carrying the story so far, first copy first */
  sources: string[];
}

export interface StoryRouter {
  route(a: StoredArticle): StoryRoute;
  /** the story key without teaching the window anything older than it */
  keyOf(a: StoredArticle): string;
}

/**
 * One story across sources: the match room's near-duplicate clusterer (24 h window) decides
 * which articles are one story; the story's key is its first copy's. The window is in memory,
 * so at start it is refilled from the archive in the order the articles came: the same first
 * copies, hence the same keys, as before the restart.
 */
export function createStoryRouter(deps: {
  articles: ArticleStore;
  normalizer: Pick<Normalizer, 'normalize'>;
  now: () => number;
}): StoryRouter {
  const clusterer = createStoryClusterer({
    windowMs: STORY_WINDOW_MS,
    now: deps.now,
    normalizer: deps.normalizer,
  });
  const input = (a: StoredArticle) => ({
    id: a.id,
    title: a.title,
    lead: a.summary || (a.paragraphs[0] ?? ''),
    at: a.publishedAt,
    source: a.source || a.category,
  });
  const since = deps.now() - STORY_WINDOW_MS;
  const recent = deps.articles.latest({ limit: 20_000 }).filter((a) => a.publishedAt >= since);
  for (const a of recent.sort((x, y) => x.seq - y.seq)) clusterer.add(input(a));
  return {
    route(a) {
      const r = clusterer.add(input(a));
      const first = r.isNew ? a : (deps.articles.get(r.clusterId) ?? a);
      const sources = [
        first.source || first.category,
        ...r.twins.map((t) => t.source),
        a.source || a.category,
      ];
      return { key: articleKey(first), isCopy: first.id !== a.id, sources: [...new Set(sources)] };
    },
    keyOf(a) {
      return a.publishedAt >= deps.now() - STORY_WINDOW_MS ? this.route(a).key : articleKey(a);
    },
  };
}
