import { wireFeedUrl } from '../catalog/catalog.ts';
import type { FeedRecord } from '../store/types.ts';
import type { FeedItem } from '../types.ts';
import type { ReaderDeps } from './read-feed.ts';

/**
 * cls, wallstreetcn and jin10 mark nothing per item on their main RSSHub route; a second route
 * lists only the important items. The wire reads both and flags the main route's items whose
 * seen key the urgent route lists. A failing urgent route costs the flag, never the items.
 */
export async function markUrgent(deps: ReaderDeps, feed: FeedRecord, items: FeedItem[]): Promise<FeedItem[]> {
  if (feed.kind !== 'wire' || items.length === 0) return items;
  const wire = deps.feedKit.catalog.wires.find((w) => w.id === feed.id);
  if (!wire?.urgentRoute) return items;
  try {
    const doc = await deps.feedKit.fetcher.fetch({
      url: wireFeedUrl(deps.config.RSSHUB_URL, wire.urgentRoute),
    });
    const red = new Set(
      deps.feedKit
        .parse(doc.text, doc.url, { urgentRule: wire.urgentRule })
        .items.filter((i) => i.urgent)
        .map((i) => i.key),
    );
    return items.map((i) => (red.has(i.key) && !i.urgent ? { ...i, urgent: true } : i));
  } catch (err) {
    deps.log.warn(
      { wire: wire.id, err: (err as Error).message },
      'urgent route failed; items kept unflagged',
    );
    return items;
  }
}
