import type { Fetcher, ParsedFeed } from '../types.ts';

/** A wire of the catalog as the reader needs it: where to read and how urgency shows. */
export interface WireInfo {
  /** catalog key, e.g. `cls` */
  key: string;
  /** display name, e.g. 财联社电报 */
  name: string;
  /** RSSHub route, e.g. `/cls/telegraph` */
  route: string;
  /** the urgent detector the parser applies */
  urgentRule?: string;
  /** what users type: pinyin, short names, English */
  aliases: readonly string[];
}

/**
 * What the feed reader needs from the fetch, parse and catalog rooms, passed in by the
 * composition root so this room depends on their contracts (src/sources/types.ts) only.
 */
export interface FeedKit {
  fetcher: Fetcher;
  /** throws when the text is not a readable feed */
  parse(text: string, feedUrl: string, opts?: { urgentRule?: string }): ParsedFeed;
  /** feed URLs a web page points to, best first */
  discover(html: string, pageUrl: string): string[];
  wires: readonly WireInfo[];
  /** the wire a user's word names, if any */
  resolveWire(query: string): WireInfo | undefined;
}
