import type { Catalog } from '../catalog/catalog.ts';
import type { discoverFeeds } from '../feed/discover.ts';
import type { parseFeed } from '../feed/parse.ts';
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
