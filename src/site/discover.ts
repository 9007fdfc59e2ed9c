import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { type FeedEntry, type HomeTag, parseCategory, parseFeed, parseHome } from './parse-lists.ts';
import { categoryPath, FEED_PATH, HOME_PATH, type PostPath } from './paths.ts';
import type { FetchResult, SiteClient } from './types.ts';

/** The home page lists at most this many posts per tag: all of them new means some may be hidden. */
const HOME_POSTS_PER_TAG = 5;
/** feed.xml holds the newest 10 posts of the whole site. */
const FEED_SIZE = 10;
/** a post can reach the site this long after its displayed time (crawler and Pages build delay) */
const BUILD_DELAY_MS = 15 * 60_000;

export interface Candidate {
  post: PostPath;
  /** the home-page tag it was listed under, when known */
  tag?: string;
}

export interface Discovery {
  candidates: Candidate[];
  homeTags: HomeTag[];
  feed: FeedEntry[];
  /** category pages read to fill a gap, and whether each answered 200 */
  categories: Array<{ slug: string; ok: boolean }>;
  gapFill: boolean;
  /** list pages that failed (network, 5xx, unexpected status) */
  listFailures: number;
  /** false when neither the home page nor the feed gave an HTTP answer we could use */
  reachable: boolean;
}

export class SiteDownError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SiteDownError';
  }
}

interface Ctx {
  site: SiteClient;
  log: Logger;
  metrics: Pick<Metrics, 'parseFailures'>;
  /**
   * the posts among these already stored, with each one's displayed time (the order list pages
   * use): one look per list page, since the archive may be across the network
   */
  known: (ids: readonly string[]) => Promise<ReadonlyMap<string, number>>;
}

async function tryGet(ctx: Ctx, path: string, conditional: boolean): Promise<FetchResult | Error> {
  try {
    return await ctx.site.get(path, { conditional });
  } catch (err) {
    ctx.log.warn({ path, err: (err as Error).message }, 'site list page failed');
    return err as Error;
  }
}

/**
 * Finds new posts at the least cost: the home page (5 newest per tag, every tag) and the feed
 * (10 newest), both conditional, so a quiet tick is two 304s. Category pages are read only where
 * a list shows that more may have appeared than it lists (all 5 of a tag new, all 10 feed
 * entries new) or, after downtime, for every tag that has anything new.
 */
export async function discover(
  ctx: Ctx,
  opts: {
    afterDowntime: boolean;
    lastSuccessAt: number | null;
    /** false after a tick that did not finish: its pages' validators may cover posts never stored */
    conditional?: boolean;
  },
): Promise<Discovery> {
  const conditional = opts.conditional ?? true;
  const [home, feedRes] = await Promise.all([
    tryGet(ctx, HOME_PATH, conditional),
    tryGet(ctx, FEED_PATH, conditional),
  ]);
  const usable = (r: FetchResult | Error): r is FetchResult =>
    !(r instanceof Error) && (r.status === 200 || r.status === 304);
  let listFailures = 0;
  if (!usable(home)) listFailures++;
  if (!usable(feedRes)) listFailures++;
  if (!usable(home) && !usable(feedRes)) {
    const why = [home, feedRes]
      .map((r: FetchResult | Error) => (r instanceof Error ? r.message : `HTTP ${r.status}`))
      .join('; ');
    throw new SiteDownError(`site unreachable: ${why}`);
  }

  const homeTags = usable(home) && home.status === 200 ? parseHome(home.body) : [];
  const feed = usable(feedRes) && feedRes.status === 200 ? parseFeed(feedRes.body) : [];
  if (usable(home) && home.status === 200 && homeTags.length === 0) {
    ctx.metrics.parseFailures.inc({ reason: 'home-empty' });
    ctx.log.warn('home page answered 200 but lists no tags');
  }

  const seen = new Map(
    await ctx.known([...homeTags.flatMap((t) => t.posts.map((p) => p.id)), ...feed.map((e) => e.post.id)]),
  );
  const isKnown = (id: string) => seen.has(id);
  const found = new Map<string, Candidate>();
  const add = (post: PostPath, tag?: string) => {
    if (isKnown(post.id)) return;
    const had = found.get(post.id);
    if (!had) found.set(post.id, tag ? { post, tag } : { post });
    else if (tag && !had.tag) had.tag = tag;
  };
  const affected = new Set<string>();
  /*
   * A full list hides older posts below its last entry. New posts can hide there only if that
   * entry is new itself (the classic "all 5 new") or is displayed as later than our previous
   * poll: zone-less posts are displayed 8 hours late and sit on top of their lists for 8 hours,
   * so "all new" alone misses the posts that arrive under them.
   */
  const cutoff = (opts.lastSuccessAt ?? Number.NEGATIVE_INFINITY) - BUILD_DELAY_MS;
  const mayHide = (lastId: string, lastShown: number | undefined) =>
    !isKnown(lastId) || (lastShown ?? Number.POSITIVE_INFINITY) >= cutoff;

  for (const t of homeTags) {
    const fresh = t.posts.filter((p) => !isKnown(p.id));
    for (const p of t.posts) add(p, t.tag);
    const last = t.posts[t.posts.length - 1];
    const full = t.posts.length >= HOME_POSTS_PER_TAG && last && mayHide(last.id, seen.get(last.id));
    if (fresh.length > 0 && (full || opts.afterDowntime)) for (const p of t.posts) affected.add(p.category);
  }
  const feedFresh = feed.filter((e) => !isKnown(e.post.id));
  for (const e of feed) add(e.post);
  const lastEntry = feed[feed.length - 1];
  const feedFull =
    feed.length >= FEED_SIZE &&
    lastEntry &&
    mayHide(lastEntry.post.id, Date.parse(lastEntry.published) || undefined);
  if (feedFresh.length > 0 && (feedFull || opts.afterDowntime)) {
    for (const e of feedFresh) affected.add(e.post.category);
    // all ten new: the burst may be anywhere; every tag with something new gets its page read
    if (feedFresh.length === feed.length) {
      for (const t of homeTags)
        if (t.posts.some((p) => !isKnown(p.id))) for (const p of t.posts) affected.add(p.category);
    }
  }

  const categories = await Promise.all(
    [...affected].sort().map(async (slug) => {
      const r = await tryGet(ctx, categoryPath(slug), conditional);
      if (r instanceof Error || (r.status !== 200 && r.status !== 304)) {
        listFailures++;
        return { slug, ok: false };
      }
      if (r.status === 200) {
        const posts = parseCategory(r.body);
        for (const [id, at] of await ctx.known(posts.map((p) => p.id))) seen.set(id, at);
        for (const p of posts) add(p);
      }
      return { slug, ok: true };
    }),
  );

  return {
    candidates: [...found.values()],
    homeTags,
    feed,
    categories,
    gapFill: affected.size > 0,
    listFailures,
    reachable: true,
  };
}
