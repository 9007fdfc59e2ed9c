import type { Deps } from '../../deps.ts';
import { createSourceHealth, type SourceAlertText } from '../../ops/source-health.ts';
import type { FeedRead } from './read-feed.ts';

/**
 * Per-feed health for the source-health alerts: a feed that answers but parses to nothing
 * (or to no items) for a few reads alerts ADMIN_IDS once. Only wires also alert when they go
 * quiet: a user's weekly report feed is quiet most of the time.
 */
export function createFeedHealth(
  deps: Pick<Deps, 'healthStore' | 'now' | 'telegram' | 'sendGate' | 'config' | 'log'>,
  alertText: SourceAlertText,
) {
  return async (r: FeedRead): Promise<void> => {
    if (r.outcome === 'not-modified') return;
    const health = createSourceHealth(deps, alertText, {
      source: { feedId: r.feed.id },
      name: `${r.feed.title || r.feed.url} (${r.feed.url})`,
      quietAlerts: r.feed.kind === 'wire',
    });
    const unparsable = r.error === 'unparsable' || (r.outcome !== 'error' && r.items === 0);
    await health.observe({
      // network faults are not the feed's shape: they count like a site that is down
      outcome: r.outcome === 'error' && !unparsable ? 'site-down' : 'ok',
      firstRun: r.outcome === 'first',
      stored: r.stored.length,
      failed: unparsable ? 1 : 0,
    });
  };
}
