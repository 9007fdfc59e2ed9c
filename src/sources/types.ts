/**
 * The source seam's shared vocabulary. The fetch layer (src/sources/fetch), the feed parser
 * (src/sources/feed) and the adapters that turn both into articles all speak these types, so
 * each can be built and tested on its own. Nothing here knows of Telegram.
 */

/** HTTP validators remembered per URL for conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchRequest {
  url: string;
  /** sent as If-None-Match / If-Modified-Since; a 304 then comes back with notModified */
  validators?: Validators;
  /** overrides the fetcher's default per request (a user waiting gets a shorter one) */
  timeoutMs?: number;
  maxBytes?: number;
  /** Accept header; feeds by default */
  accept?: string;
}

/** A fetched document, decoded to text. */
export interface FetchedDoc {
  status: number;
  notModified: boolean;
  /** the URL after redirects */
  url: string;
  /** decoded text ('' on 304) */
  text: string;
  /** bytes on the wire for the body */
  bytes: number;
  /** the Content-Type header, if any */
  contentType: string | null;
  /** the charset the text was decoded with (gbk/gb2312 are read as gb18030) */
  charset: string;
  /** validators to send next time (carried over from the request on 304) */
  validators: Validators;
  /** epoch ms before which the server asked not to be asked again (Cache-Control max-age, Expires), or null */
  freshUntil: number | null;
}

export type FetchErrorKind =
  | 'bad-url' // not http(s), or unparsable
  | 'refused' // resolves to a non-public address not in FEED_PRIVATE_HOSTS (no connection made)
  | 'dns' // the name does not resolve
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http' // a status other than 2xx/304 after redirects
  | 'network'; // reset, refused connection, TLS

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetcherStats {
  requests: number;
  bytes: number;
  notModified: number;
  errors: number;
  refused: number;
}

/** Our own HTTP client for feeds and pages: SSRF guard, caps, redirects, charset, conditional GET. */
export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchedDoc>;
  stats(): FetcherStats;
}

/** One item of a parsed feed, before it becomes an article. */
export interface FeedItem {
  /** the seen key: normalised guid, else the normalised link, else a hash of title and date */
  key: string;
  url: string | null;
  title: string;
  /** clean text paragraphs (HTML stripped, boilerplate removed) */
  paragraphs: string[];
  /** epoch ms, or null when the feed gives no date */
  publishedAt: number | null;
  author: string | null;
  tags: string[];
  /** the upstream marks it as important (cls 加红, wallstreetcn score ≥ 2, jin10 important, 10jqka 重要) */
  urgent: boolean;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  /** the feed's own title, trimmed ('' when it has none) */
  title: string;
  /** the site the feed belongs to (channel link / alternate link / home_page_url) */
  siteUrl: string | null;
  /** RSS <ttl> in minutes, or null */
  ttlMinutes: number | null;
  items: FeedItem[];
}
