import { load } from 'cheerio';
import { normalizeUrl } from './seen-key.ts';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
]);

/** An <a href> that names a feed: /feed, /rss, atom, .xml, .rss, feed.json. */
const FEED_LINK = /(?:^|\/)(?:feed|rss|atom)(?:\/|$|\.)|\.(?:xml|rss|atom)$|feed\.json$/i;

/**
 * Feed URLs a web page points at, best first: `<link rel="alternate">` with a feed type (the
 * page's own declaration), then anchors that look like feeds. Absolute, deduplicated (fragments
 * dropped), only http(s).
 */
export function discoverFeeds(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const base = (() => {
    const href = $('base[href]').attr('href');
    return href ? (normalizeUrl(href, pageUrl) ?? pageUrl) : pageUrl;
  })();
  const out: string[] = [];
  const add = (href: string | undefined) => {
    if (!href) return;
    const url = normalizeFeedUrl(href, base);
    if (url && !out.includes(url)) out.push(url);
  };
  $('link[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (rel.includes('alternate') && FEED_TYPES.has(type)) add($(el).attr('href'));
  });
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href') ?? '';
    let path: string;
    try {
      path = new URL(href, base).pathname;
    } catch {
      return;
    }
    if (FEED_LINK.test(path.replace(/\/+$/, '')) || FEED_LINK.test(path)) add(href);
  });
  return out;
}

/** Only the fragment goes: a feed's query string can be what selects it. */
function normalizeFeedUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}
