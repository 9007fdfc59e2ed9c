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
  /**
   * `path` is a site path such as `/feed.xml`. With `conditional: true` the request reuses the
   * last ETag/Last-Modified and may come back 304 with an empty body; the default is a plain GET,
   * so a caller that does not expect 304 never sees one.
   */
  get(
    path: string,
    /** `timeoutMs` overrides FETCH_TIMEOUT per attempt: checks made while a user waits stay short */
    opts?: { conditional?: boolean; retries?: number; timeoutMs?: number },
  ): Promise<FetchResult>;
  stats(): { requests: number; bytes: number; notModified: number; errors: number };
}
