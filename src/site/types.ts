export interface FetchResult {
  status: number;
  /** true when the server answered 304 to our conditional GET */
  notModified: boolean;
  body: string;
  url: string;
  bytes: number;
}

/** HTTP access to SITE_URL only: conditional GET, timeouts, retries, size cap. */
export interface SiteClient {
  readonly origin: string;
  /** `path` is a site path such as `/feed.xml`; conditional requests reuse the last ETag/Last-Modified */
  get(path: string, opts?: { conditional?: boolean; retries?: number }): Promise<FetchResult>;
  stats(): { requests: number; bytes: number; notModified: number; errors: number };
}
