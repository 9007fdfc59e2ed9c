import { type Wire, wireFeedUrl } from '../catalog/catalog.ts';
import { readFeed } from '../reader/read-feed.ts';
import type { FeedRecord } from '../store/types.ts';
import { createFeed } from './add-feed.ts';
import { type ServiceDeps, type SubscribeOutcome, subscribeFeed } from './subscribe-feed.ts';

const wireSlug = (key: string): string => `wire-${key}`;

/** The wire's feed row, created on first use; its name is the catalog's, not RSSHub's title. */
async function wireFeed(deps: ServiceDeps, wire: Wire): Promise<FeedRecord> {
  const url = wireFeedUrl(deps.config.RSSHUB_URL, wire.route);
  const known = await deps.feeds.get(wire.id);
  if (known && known.url !== url) await deps.feeds.moveUrl(wire.id, url);
  if (known) return { ...known, url, ...(known.url !== url ? { validators: {} } : {}) };
  return createFeed(deps, {
    id: wire.id,
    slug: wireSlug(wire.id),
    kind: 'wire',
    url,
    title: wire.name,
  });
}

/**
 * `/sub 财联社电报`: wires are not limited by FEEDS (the operator chose them). The first read
 * happens now when it can, so `/latest` has something at once; when RSSHub is slow the feed
 * cycle's first read is silent just the same.
 */
export async function addWire(deps: ServiceDeps, chatId: number, wire: Wire): Promise<SubscribeOutcome> {
  let feed = await wireFeed(deps, wire);
  if (!feed.initialized) {
    const r = await readFeed(deps, feed, { timeoutMs: 10_000 });
    feed = r.feed;
  }
  return subscribeFeed(deps, chatId, feed);
}

/**
 * Makes every catalog wire a category (so /categories lists them next to the finews sources)
 * with its feed row: a wire subscribed by a button is read like one subscribed by name.
 * No request is made; wires nobody subscribes to are never fetched.
 */
export async function registerWires(deps: ServiceDeps, wires: readonly Wire[]): Promise<void> {
  for (const w of wires) await wireFeed(deps, w);
}
