import type { Article } from '../articles/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { fetchPosts, type PostFailure } from './fetch-posts.ts';
import { parseCategory, parseFeed, parseHome } from './parse-lists.ts';
import { categoryPath, FEED_PATH, HOME_PATH, type PostPath } from './paths.ts';
import type { SiteClient } from './types.ts';

export type ReadProgress = { phase: 'lists' | 'posts'; done: number; total: number };

/**
 * Reads the whole current site once (home, feed, every category page seen there, every post)
 * and returns the parsed articles newest first. For `kuaixun preview`: nothing is stored.
 */
export async function readSite(
  site: SiteClient,
  opts: {
    siteUrl?: string;
    log: Logger;
    metrics?: Pick<Metrics, 'parseFailures'>;
    now?: number;
    onProgress?: (p: ReadProgress) => void;
  },
): Promise<{ articles: Article[]; failures: PostFailure[] }> {
  const metrics = opts.metrics ?? { parseFailures: { inc: () => {} } as unknown as Metrics['parseFailures'] };
  const posts = new Map<string, PostPath>();
  const add = (p: PostPath) => posts.set(p.id, p);
  const get = async (path: string) => {
    try {
      const r = await site.get(path, { conditional: false });
      return r.status === 200 ? r.body : null;
    } catch (err) {
      opts.log.warn({ path, err: (err as Error).message }, 'site page failed');
      return null;
    }
  };
  const [home, feed] = await Promise.all([get(HOME_PATH), get(FEED_PATH)]);
  const slugs = new Set<string>();
  const listed = [
    ...(home ? parseHome(home).flatMap((t) => t.posts) : []),
    ...(feed ? parseFeed(feed).map((e) => e.post) : []),
  ];
  for (const p of listed) {
    add(p);
    slugs.add(p.category);
  }
  let done = 0;
  const total = slugs.size;
  opts.onProgress?.({ phase: 'lists', done, total });
  await Promise.all(
    [...slugs].map(async (slug) => {
      const page = await get(categoryPath(slug));
      if (page) for (const p of parseCategory(page)) add(p);
      opts.onProgress?.({ phase: 'lists', done: ++done, total });
    }),
  );
  const { fetched, failed } = await fetchPosts({ site, log: opts.log, metrics }, [...posts.values()], {
    siteUrl: opts.siteUrl ?? site.origin,
    fetchedAt: opts.now ?? Date.now(),
    onProgress: (d, t) => opts.onProgress?.({ phase: 'posts', done: d, total: t }),
  });
  return { articles: fetched.map((f) => f.article).reverse(), failures: failed };
}
