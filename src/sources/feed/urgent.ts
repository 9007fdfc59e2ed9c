/**
 * How each wire, as RSSHub renders it, says an item is important. Read from the routes'
 * output shapes (see README.md here); the catalog names the rule per wire, so an operator's
 * extra wire can reuse one.
 *
 * - 10jqka (/10jqka/realtimenews): upstream's red items get the category 重要.
 * - cls, wallstreetcn, jin10: the default routes carry no per-item mark; each has a route that
 *   lists only the important items (/cls/telegraph/red, /wallstreetcn/live/<channel>/2,
 *   /jin10/<any value>), so every item of such a feed is urgent. The catalog names that route
 *   (`urgentRoute`) so the poller can read both and match items by seen key.
 * - sina (/sina/finance/zhibo): no importance in the output; never urgent.
 */
export const URGENT_RULES = ['cls', 'wallstreetcn', 'jin10', '10jqka', 'none'] as const;
export type UrgentRule = (typeof URGENT_RULES)[number];

export interface UrgentFeedContext {
  /** the URL the feed was read from (after redirects) */
  feedUrl: string;
  feedTitle: string;
}

export interface UrgentItemView {
  title: string;
  categories: readonly string[];
  /** the item's HTML as the feed gave it */
  html: string;
}

/** RSSHub may sit under a path prefix (a self-hosted instance behind /rsshub), so match the route's tail. */
function routePath(feedUrl: string): string {
  try {
    return decodeURIComponent(new URL(feedUrl).pathname).replace(/\/+$/, '');
  } catch {
    return '';
  }
}

const RED_MARKUP = /color\s*[:=]\s*["']?\s*(?:red|#f00\b|#ff0000|#e[0-9a-f]{5})/i;

const detectors: Record<UrgentRule, (feed: UrgentFeedContext, item: UrgentItemView) => boolean> = {
  cls: (feed, item) =>
    /\/cls\/telegraph\/red$/.test(routePath(feed.feedUrl)) ||
    /加红\s*$/.test(feed.feedTitle) ||
    item.categories.includes('加红') ||
    RED_MARKUP.test(item.html),
  wallstreetcn: (feed) => {
    const m = /\/wallstreetcn\/live\/[^/]+\/(\d+)$/.exec(routePath(feed.feedUrl));
    return m !== null && Number(m[1]) >= 2;
  },
  // /jin10/:important? turns on with any value; /jin10/category/… and /jin10/topic/… are other routes
  jin10: (feed) => {
    const m = /\/jin10\/([^/]+)$/.exec(routePath(feed.feedUrl));
    return m !== null && m[1] !== 'category' && m[1] !== 'topic';
  },
  '10jqka': (feed, item) =>
    item.categories.includes('重要') || /\/10jqka\/realtimenews\/重要$/.test(routePath(feed.feedUrl)),
  none: () => false,
};

export function isUrgent(
  rule: UrgentRule | undefined,
  feed: UrgentFeedContext,
  item: UrgentItemView,
): boolean {
  return rule ? detectors[rule](feed, item) : false;
}
