import type { ChatStore } from '../../chats/types.ts';
import type { Delivery } from '../../delivery/types.ts';
import { type FeedRead, type ReaderDeps, readFeed } from './read-feed.ts';

export type CycleDeps = ReaderDeps & { chats: ChatStore; delivery: Pick<Delivery, 'onNewArticles'> };

export interface FeedCycleReport {
  due: number;
  read: number;
  /** feeds nobody is subscribed to: not fetched */
  parked: number;
  withNew: number;
  notModified: number;
  errors: number;
  stored: number;
  announced: number;
  requests: number;
  bytes: number;
  ms: number;
  outcome: 'ok' | 'skipped';
}

/** a cycle reads at most this many feeds; the rest stay due for the next tick */
const MAX_FEEDS_PER_CYCLE = 20_000;

const running = new WeakSet<object>();

/**
 * One feed tick: every due feed someone subscribes to is read, FEED_CONCURRENCY at a time, and
 * what is new is handed to delivery feed by feed. It has its own overlap guard, separate from
 * the finews poll, so a slow cycle never holds finews back. Never throws for a feed's faults.
 */
export async function runFeedCycle(
  deps: CycleDeps,
  onRead: (r: FeedRead) => Promise<void> = async () => {},
): Promise<FeedCycleReport> {
  const started = deps.now();
  const before = deps.feedKit.fetcher.stats();
  const report: FeedCycleReport = {
    due: 0,
    read: 0,
    parked: 0,
    withNew: 0,
    notModified: 0,
    errors: 0,
    stored: 0,
    announced: 0,
    requests: 0,
    bytes: 0,
    ms: 0,
    outcome: 'ok',
  };
  if (running.has(deps.feeds)) return { ...report, outcome: 'skipped' };
  running.add(deps.feeds);
  try {
    const due = await deps.feeds.due(started, MAX_FEEDS_PER_CYCLE);
    report.due = due.length;
    let next = 0;
    const worker = async () => {
      for (let feed = due[next++]; feed; feed = due[next++]) {
        if ((await deps.chats.subscribers(feed.slug)).length === 0) {
          // looked at again each interval (a kv read, no request): a button may subscribe it meanwhile
          await deps.feeds.park(feed.id, started + deps.config.FEED_MIN_INTERVAL);
          report.parked++;
          continue;
        }
        const r = await readFeed(deps, feed);
        report.read++;
        report.stored += r.stored.length;
        if (r.outcome === 'not-modified') report.notModified++;
        if (r.outcome === 'error') report.errors++;
        if (r.outcome === 'new') {
          report.withNew++;
          try {
            await deps.delivery.onNewArticles(r.stored);
            report.announced += r.stored.length;
          } catch (err) {
            // stored but not handed over: the finews tick's catch-up (announcedThrough) retries it
            deps.log.error({ err, feed: feed.id }, 'delivery did not accept the new feed items');
          }
        }
        await onRead(r).catch((err: unknown) => deps.log.error({ err, feed: feed.id }, 'feed health failed'));
      }
    };
    await Promise.all(Array.from({ length: deps.config.FEED_CONCURRENCY }, worker));
  } finally {
    running.delete(deps.feeds);
  }
  const after = deps.feedKit.fetcher.stats();
  report.requests = after.requests - before.requests;
  report.bytes = after.bytes - before.bytes;
  report.ms = Math.max(0, deps.now() - started);
  if (report.due) deps.log.info(report, 'feed cycle done');
  return report;
}
