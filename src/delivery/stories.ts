import type { AsyncArticleStore, StoredArticle } from '../articles/types.ts';
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
  /**
   * teaches the window what other instances stored since this one last looked (any instance
   * may hold the poll lease), so every instance gives a story the same key
   */
  catchUp(except: readonly StoredArticle[]): Promise<void>;
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
export async function createStoryRouter(deps: {
  articles: Pick<AsyncArticleStore, 'latest' | 'after'>;
  normalizer: Pick<Normalizer, 'normalize'>;
  now: () => number;
}): Promise<StoryRouter> {
  const clusterer = createStoryClusterer({
    windowMs: STORY_WINDOW_MS,
    now: deps.now,
    normalizer: deps.normalizer,
  });
  // the window's articles by id: a copy's first article without a trip to the archive
  const known = new Map<string, StoredArticle>();
  let lastSeq = 0;
  const learn = (a: StoredArticle) => {
    lastSeq = Math.max(lastSeq, a.seq);
    known.set(a.id, a);
    return clusterer.add({
      id: a.id,
      title: a.title,
      lead: a.summary || (a.paragraphs[0] ?? ''),
      at: a.publishedAt,
      source: a.source || a.category,
    });
  };
  const forgetOld = () => {
    const since = deps.now() - STORY_WINDOW_MS;
    for (const [id, a] of known) if (a.publishedAt < since) known.delete(id);
  };
  const since = deps.now() - STORY_WINDOW_MS;
  const recent = (await deps.articles.latest({ limit: 20_000 })).filter((a) => a.publishedAt >= since);
  for (const a of recent.sort((x, y) => x.seq - y.seq)) learn(a);
  const router: StoryRouter = {
    async catchUp(except) {
      const mine = new Set(except.map((a) => a.id));
      for (;;) {
        const batch = await deps.articles.after(lastSeq, null, 1000);
        for (const a of batch) if (!mine.has(a.id)) learn(a);
        if (batch.length < 1000) break;
        lastSeq = Math.max(lastSeq, batch.at(-1)?.seq ?? lastSeq);
      }
      forgetOld();
    },
    route(a) {
      const r = learn(a);
      const first = r.isNew ? a : (known.get(r.clusterId) ?? a);
      const sources = [
        first.source || first.category,
        ...r.twins.map((t) => t.source),
        a.source || a.category,
      ];
      return { key: articleKey(first), isCopy: first.id !== a.id, sources: [...new Set(sources)] };
    },
    keyOf(a) {
      return a.publishedAt >= deps.now() - STORY_WINDOW_MS ? router.route(a).key : articleKey(a);
    },
  };
  return router;
}
