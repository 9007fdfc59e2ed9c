import { type Config, ConfigError } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { type Catalog, CatalogError, loadCatalog } from '../catalog/catalog.ts';
import { discoverFeeds } from '../feed/discover.ts';
import { parseFeed } from '../feed/parse.ts';
import { createFetcher, type FetcherOptions } from '../fetch/fetcher.ts';
import type { Fetcher } from '../types.ts';

/**
 * What the feed reader needs from the fetch, parse and catalog rooms, built once by the
 * composition root (one fetcher, so its SSRF guard and counters cover every feed request).
 */
export interface FeedKit {
  fetcher: Fetcher;
  /** throws FeedParseError when the text is not a readable feed */
  parse: typeof parseFeed;
  /** feed URLs a web page points to, best first */
  discover: typeof discoverFeeds;
  catalog: Catalog;
}

/** The feed fetcher, parser and catalog; a bad WIRES_FILE stops start-up naming the key. */
export function buildFeedKit(
  config: Config,
  p: { log: Logger; now: () => number; fetcher?: Partial<FetcherOptions> | undefined },
): FeedKit {
  let catalog: FeedKit['catalog'];
  try {
    catalog = loadCatalog(config.WIRES_FILE);
  } catch (err) {
    if (err instanceof CatalogError)
      throw new ConfigError('WIRES_FILE', `Invalid WIRES_FILE: ${err.message}`);
    throw err;
  }
  const fetcher = createFetcher({
    // RSSHub is often self-hosted next to the bot: its host is always reachable
    allowPrivate: [...config.FEED_PRIVATE_HOSTS, new URL(config.RSSHUB_URL).host],
    timeoutMs: config.FEED_TIMEOUT,
    maxBytes: config.FEED_MAX_BYTES,
    log: p.log.child({ room: 'feeds' }),
    // Cache-Control and Expires become due times on the same clock the reader schedules by
    now: p.now,
    ...p.fetcher,
  });
  return { fetcher, parse: parseFeed, discover: discoverFeeds, catalog };
}
