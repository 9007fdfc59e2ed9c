import { storeBatch } from '../../articles/ingest.ts';
import type { StoredArticle } from '../../articles/types.ts';
import type { Deps } from '../../deps.ts';
import { backoffDelay, DAY_MS } from '../fetch/backoff.ts';
import type { FeedRecord } from '../store/types.ts';
import { type FeedItem, FetchError, type FetchedDoc, type ParsedFeed } from '../types.ts';
import { itemToArticle } from './to-article.ts';
import { markUrgent } from './urgent-route.ts';

export type ReaderDeps = Pick<
  Deps,
  'archive' | 'registry' | 'summarizer' | 'config' | 'log' | 'metrics' | 'now' | 'feeds' | 'feedKit'
>;

export type ReadOutcomeKind = 'first' | 'new' | 'unchanged' | 'not-modified' | 'error';

export interface FeedRead {
  feed: FeedRecord;
  outcome: ReadOutcomeKind;
  /** articles stored by this read, oldest first; announced only when outcome is 'new' */
  stored: StoredArticle[];
  /** items the feed held (0 for a 304 or an error) */
  items: number;
  /** FetchError kind or 'unparsable', when the read failed */
  error?: string;
  parsed?: ParsedFeed;
}

/** an item that left the feed this long ago is not expected back: its key may go */
export const SEEN_KEEP_MS = 30 * 86_400_000;
/** a feed listing thousands of items is read for its newest ones only */
const MAX_ITEMS_PER_READ = 200;
const MAX_BACKOFF_MS = DAY_MS;

/** When to read again after a good read: never sooner than we promised, nor than the server asked. */
export function nextDue(now: number, minIntervalMs: number, doc: FetchedDoc | null, parsed?: ParsedFeed) {
  const ttl = parsed?.ttlMinutes ? parsed.ttlMinutes * 60_000 : 0;
  // a server asking for a week's rest still gets read daily: a cap on how stale a feed can go
  const asked = Math.min(MAX_BACKOFF_MS, Math.max(ttl, (doc?.freshUntil ?? 0) - now));
  return now + Math.max(minIntervalMs, asked);
}

/**
 * Reads one feed: fetches it (or takes the document a caller already fetched), parses it,
 * keeps only items whose seen key is new, stores them and records the feed's state. The
 * first read stores what is there silently. Never throws for the feed's faults.
 */
export async function readFeed(
  deps: ReaderDeps,
  feed: FeedRecord,
  opts: { doc?: FetchedDoc; timeoutMs?: number } = {},
): Promise<FeedRead> {
  const now = deps.now();
  const min = deps.config.FEED_MIN_INTERVAL;
  const log = deps.log.child({ feed: feed.id });
  const fail = async (error: string): Promise<FeedRead> => {
    await deps.feeds.recordError(feed.id, {
      at: now,
      error,
      nextDueAt: now + Math.max(min, backoffDelay(feed.failures + 1, { baseMs: min })),
    });
    deps.metrics.feedReads.inc({ outcome: `error-${error}` });
    log.warn({ url: feed.url, error, failures: feed.failures + 1 }, 'feed read failed');
    return { feed, outcome: 'error', stored: [], items: 0, error };
  };

  let doc: FetchedDoc;
  try {
    doc =
      opts.doc ??
      (await deps.feedKit.fetcher.fetch({
        url: feed.url,
        // a feed never read in full must be read in full, whatever validators it carries
        ...(feed.initialized ? { validators: feed.validators } : {}),
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      }));
  } catch (err) {
    if (err instanceof FetchError) return fail(err.kind);
    log.error({ err }, 'feed fetch failed unexpectedly');
    return fail('network');
  }
  if (doc.notModified) {
    await deps.feeds.touchAll(feed.id, now);
    await deps.feeds.recordOk(feed.id, {
      at: now,
      validators: doc.validators,
      nextDueAt: nextDue(now, min, doc),
      items: 'not-modified',
      newItems: 0,
    });
    deps.metrics.feedReads.inc({ outcome: 'not-modified' });
    return { feed, outcome: 'not-modified', stored: [], items: 0 };
  }

  let parsed: ParsedFeed;
  try {
    const rule =
      feed.kind === 'wire' ? deps.feedKit.catalog.wires.find((w) => w.id === feed.id)?.urgentRule : undefined;
    parsed = deps.feedKit.parse(doc.text, doc.url, rule ? { urgentRule: rule } : {});
  } catch (err) {
    deps.metrics.parseFailures.inc({ reason: 'feed' });
    log.warn({ err: (err as Error).message }, 'feed did not parse');
    return fail('unparsable');
  }

  const items = dedupe(parsed.items.slice(0, MAX_ITEMS_PER_READ));
  const fresh = new Set(
    await deps.feeds.unseen(
      feed.id,
      items.map((i) => i.key),
    ),
  );
  const first = !feed.initialized;
  const title = feed.title || parsed.title;
  const named: FeedRecord = { ...feed, title: title || feed.title, siteUrl: feed.siteUrl ?? parsed.siteUrl };
  const newItems = await markUrgent(
    deps,
    feed,
    items.filter((i) => fresh.has(i.key)),
  );
  // oldest first, so seq order follows publish order for fan-out and digests
  const ordered = newItems.reverse().sort((a, b) => (a.publishedAt ?? now) - (b.publishedAt ?? now));
  // a first read's items were there before anyone subscribed: dated so, fan-out never sends them
  const storedAt = first ? Math.min(now, feed.createdAt - 1) : now;
  const posts = ordered.map((i) => ({ article: itemToArticle(named, i, now), tag: named.title }));
  let stored: StoredArticle[];
  try {
    stored = await storeBatch(deps, posts, storedAt);
  } catch (err) {
    // nothing was marked seen: the next read tries these items again
    log.error({ err }, 'could not store feed items');
    return fail('storage');
  }
  await deps.feeds.see(
    feed.id,
    items.map((i) => i.key),
    now,
  );
  await deps.feeds.forget(feed.id, now - SEEN_KEEP_MS);
  if (first) await deps.feeds.markInitialized(feed.id);
  await deps.feeds.recordOk(feed.id, {
    at: now,
    validators: doc.validators,
    nextDueAt: nextDue(now, min, doc, parsed),
    title: parsed.title,
    siteUrl: parsed.siteUrl,
    items: items.length,
    newItems: stored.length,
  });
  const outcome: ReadOutcomeKind = first ? 'first' : stored.length ? 'new' : 'unchanged';
  deps.metrics.feedReads.inc({ outcome });
  return { feed: { ...named, initialized: true }, outcome, stored, items: items.length, parsed };
}

/** Feeds that list one item twice keep the first (newest) copy. */
function dedupe(items: readonly FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.key) && seen.add(i.key));
}
