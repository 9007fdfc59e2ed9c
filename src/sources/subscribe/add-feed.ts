import { readFeed } from '../reader/read-feed.ts';
import { shortHash } from '../reader/to-article.ts';
import type { FeedRecord } from '../store/types.ts';
import { FetchError, type FetchErrorKind, type FetchedDoc, type ParsedFeed } from '../types.ts';
import { type ServiceDeps, type SubscribeOutcome, subscribeFeed } from './subscribe-feed.ts';

export type FeedRefusal =
  | 'off'
  | 'admins-only'
  | 'chat-cap'
  | 'bot-cap'
  | 'no-feed'
  | 'unparsable'
  | Exclude<FetchErrorKind, 'dns'>
  | 'dns';

export type AddFeedResult = SubscribeOutcome | { ok: false; reason: FeedRefusal; status?: number };

/** a user is waiting: a page and its feed must answer faster than a background read */
const USER_TIMEOUT_MS = 10_000;
/** discovered links tried per page */
const MAX_CANDIDATES = 3;

/** Is this word meant as a URL (rather than a source name)? */
export function looksLikeUrl(word: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^(www\.)?[\w-]+(\.[\w-]+)+\/\S*$/i.test(word);
}

/** The URL as we key feeds by it: absolute, http(s) only, no fragment; null when refused up front. */
export function feedUrlOf(word: string): string | null {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(word) ? word : `https://${word}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  return url.href;
}

/**
 * `/sub <URL>`: checks policy and caps before any request, reads the URL (a feed, or a page
 * whose feed is discovered), stores the feed's current items silently and subscribes the chat.
 * Several chats naming one feed URL share one feed row and one fetch.
 */
export async function addFeedUrl(
  deps: ServiceDeps,
  chatId: number,
  word: string,
  who: { operator: boolean },
): Promise<AddFeedResult> {
  const { config } = deps;
  if (config.FEEDS === 'off') return { ok: false, reason: 'off' };
  if (config.FEEDS === 'admins' && !who.operator) return { ok: false, reason: 'admins-only' };
  const url = feedUrlOf(word);
  if (!url) return { ok: false, reason: 'bad-url' };
  const chat = await deps.chats.get(chatId);
  const feedsHeld = Object.keys(chat?.subscriptions ?? {}).filter((s) => s.startsWith('feed-')).length;
  const known = await deps.feeds.byUrl(url);
  if (known?.initialized) {
    if (!chat?.subscriptions[known.slug] && feedsHeld >= config.MAX_FEEDS_PER_CHAT)
      return { ok: false, reason: 'chat-cap' };
    return subscribeFeed(deps, chatId, known);
  }
  if (feedsHeld >= config.MAX_FEEDS_PER_CHAT) return { ok: false, reason: 'chat-cap' };
  if (!known && (await deps.feeds.count('feed')) >= config.MAX_FEEDS) return { ok: false, reason: 'bot-cap' };

  const found = await findFeed(deps, url);
  if ('reason' in found) return { ok: false, ...found };
  const existing = await deps.feeds.byUrl(found.url);
  if (existing?.initialized) return subscribeFeed(deps, chatId, existing);
  const id = shortHash(found.url, 10);
  const feed = existing ?? (await createFeed(deps, { id, url: found.url, title: found.parsed.title }));
  const read = await readFeed(deps, feed, { doc: found.doc });
  if (read.outcome === 'error') return { ok: false, reason: 'unparsable' };
  return subscribeFeed(deps, chatId, read.feed);
}

export async function createFeed(
  deps: ServiceDeps,
  f: { id: string; url: string; title: string; kind?: 'feed' | 'wire'; slug?: string },
): Promise<FeedRecord> {
  const now = deps.now();
  const slug = f.slug ?? `feed-${f.id}`;
  const title = f.title.trim().slice(0, 120);
  const feed = await deps.feeds.add({ id: f.id, slug, kind: f.kind ?? 'feed', url: f.url, title }, now);
  // a category like any other: /latest, /search #…, /list and digests find it by name
  deps.registry.observe({ slug, source: feed.title || title, tag: feed.title || title, seenAt: now });
  return feed;
}

type Found = { url: string; doc: FetchedDoc; parsed: ParsedFeed } | { reason: FeedRefusal; status?: number };

async function findFeed(deps: ServiceDeps, url: string): Promise<Found> {
  const first = await get(deps, url);
  if ('reason' in first) return first;
  const direct = tryParse(deps, first.doc);
  if (direct) return { url, doc: first.doc, parsed: direct };
  if (!looksLikeHtml(first.doc)) return { reason: 'unparsable' };
  const candidates = deps.feedKit.discover(first.doc.text, first.doc.url).slice(0, MAX_CANDIDATES);
  for (const candidate of candidates) {
    const known = await deps.feeds.byUrl(candidate);
    if (known?.initialized) return { url: candidate, doc: first.doc, parsed: emptyFeed(known) };
    const next = await get(deps, candidate);
    if ('reason' in next) continue;
    const parsed = tryParse(deps, next.doc);
    if (parsed) return { url: candidate, doc: next.doc, parsed };
  }
  return { reason: 'no-feed' };
}

async function get(deps: ServiceDeps, url: string): Promise<{ doc: FetchedDoc } | Found> {
  try {
    return {
      doc: await deps.feedKit.fetcher.fetch({
        url,
        timeoutMs: Math.min(USER_TIMEOUT_MS, deps.config.FEED_TIMEOUT),
      }),
    };
  } catch (err) {
    if (err instanceof FetchError) return { reason: err.kind, ...(err.status ? { status: err.status } : {}) };
    deps.log.error({ err, url }, 'feed fetch failed unexpectedly');
    return { reason: 'network' };
  }
}

function tryParse(deps: ServiceDeps, doc: FetchedDoc): ParsedFeed | null {
  try {
    return deps.feedKit.parse(doc.text, doc.url);
  } catch {
    return null;
  }
}

const looksLikeHtml = (doc: FetchedDoc) =>
  /html/i.test(doc.contentType ?? '') || /^\s*(<!doctype html|<html)/i.test(doc.text.slice(0, 500));

const emptyFeed = (f: FeedRecord): ParsedFeed => ({
  format: 'rss',
  title: f.title,
  siteUrl: f.siteUrl,
  ttlMinutes: null,
  items: [],
});
