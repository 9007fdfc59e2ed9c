import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { encodePath, parsePostPath } from './paths.ts';
import type { FetchResult, SiteClient } from './types.ts';
import type { ValidatorStore, Validators } from './validators.ts';

const DEFAULT_USER_AGENT = 'kuaixun/0.1 (+https://github.com/kuaixun/kuaixun; Telegram news bot)';

export type SiteErrorKind = 'network' | 'timeout' | 'too-large' | 'off-origin' | 'redirect-loop';

/** A request that produced no usable HTTP answer. HTTP errors (404, 500) are results, not throws. */
export class SiteError extends Error {
  constructor(
    readonly kind: SiteErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SiteError';
  }
}

export interface SiteClientOptions {
  origin: string;
  timeoutMs: number;
  maxBytes: number;
  concurrency: number;
  metrics: Pick<Metrics, 'siteRequests' | 'siteErrors'>;
  log: Logger;
  userAgent?: string;
  /** persisted ETag/Last-Modified so a restart still polls with conditionals; memory only without it */
  validators?: ValidatorStore;
  /** extra attempts after a network error, timeout or 5xx (default 2) */
  retries?: number;
  /** first backoff step; doubles per attempt, with jitter (default 400 ms) */
  backoffMs?: number;
}

/** The client as the config describes it; callers add only what differs (validators, retries). */
export function siteClientFromConfig(
  config: Pick<Config, 'SITE_URL' | 'FETCH_TIMEOUT' | 'FETCH_MAX_BYTES' | 'FETCH_CONCURRENCY'>,
  parts: Pick<SiteClientOptions, 'metrics' | 'log'> & Partial<SiteClientOptions>,
): SiteClient {
  return createSiteClient({
    origin: config.SITE_URL,
    timeoutMs: config.FETCH_TIMEOUT,
    maxBytes: config.FETCH_MAX_BYTES,
    concurrency: config.FETCH_CONCURRENCY,
    ...parts,
  });
}

const MAX_REDIRECTS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createSiteClient(opts: SiteClientOptions): SiteClient {
  const origin = new URL(opts.origin).origin;
  const memory = new Map<string, Validators>();
  const counts = { requests: 0, bytes: 0, notModified: 0, errors: 0 };
  const limit = semaphore(Math.max(1, opts.concurrency));
  const headersBase = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'text/html,application/xml;q=0.9,*/*;q=0.5',
  };

  const fail = (kind: string) => {
    counts.errors++;
    opts.metrics.siteErrors.inc({ kind });
  };

  const validatorsFor = (path: string) => memory.get(path) ?? opts.validators?.get(path);

  async function once(path: string, conditional: boolean, timeoutMs: number): Promise<FetchResult> {
    let url = new URL(encodePath(path), origin);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { ...headersBase };
      const v = conditional ? validatorsFor(path) : undefined;
      if (v?.etag) headers['if-none-match'] = v.etag;
      if (v?.lastModified) headers['if-modified-since'] = v.lastModified;
      counts.requests++;
      let res: Response;
      try {
        res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        throw asSiteError(err);
      }
      opts.metrics.siteRequests.inc({ status: String(res.status) });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        const next = new URL(res.headers.get('location') ?? '', url);
        // the bot reads SITE_URL only: a redirect elsewhere is refused, never followed
        if (next.origin !== origin)
          throw new SiteError('off-origin', `redirect off the site to ${next.origin}`);
        url = next;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        counts.notModified++;
        return { status: 304, notModified: true, body: '', url: url.href, bytes: 0 };
      }
      const body = await readCapped(res, opts.maxBytes);
      counts.bytes += body.bytes;
      if (res.ok) remember(path, res.headers);
      return { status: res.status, notModified: false, body: body.text, url: url.href, bytes: body.bytes };
    }
    throw new SiteError('redirect-loop', `more than ${MAX_REDIRECTS} redirects`);
  }

  function remember(path: string, h: Headers) {
    const etag = h.get('etag') ?? undefined;
    const lastModified = h.get('last-modified') ?? undefined;
    // post pages are fetched once; only list pages are polled and worth remembering
    if ((!etag && !lastModified) || parsePostPath(path)) return;
    const v: Validators = { etag, lastModified };
    memory.set(path, v);
    opts.validators?.set(path, v);
  }

  return {
    origin,
    async get(path, o = {}) {
      if (!path.startsWith('/') || path.startsWith('//')) {
        fail('off-origin');
        throw new SiteError('off-origin', 'only site paths can be fetched');
      }
      const retries = o.retries ?? opts.retries ?? 2;
      const base = opts.backoffMs ?? 400;
      for (let attempt = 0; ; attempt++) {
        try {
          // a slot per attempt: a request waiting out its backoff does not hold one
          const r = await limit(() => once(path, o.conditional ?? false, o.timeoutMs ?? opts.timeoutMs));
          if (r.status < 500 || attempt >= retries) {
            if (r.status >= 400) fail(`http-${r.status}`);
            return r;
          }
        } catch (err) {
          const e = asSiteError(err);
          fail(e.kind);
          if (e.kind !== 'network' && e.kind !== 'timeout') throw e;
          if (attempt >= retries) throw e;
        }
        // exponential backoff with full jitter, so many clients never retry in lockstep
        await sleep(base * 2 ** attempt * (0.5 + Math.random()));
      }
    },
    stats: () => ({ ...counts }),
  };
}

async function readCapped(res: Response, maxBytes: number): Promise<{ text: string; bytes: number }> {
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new SiteError('too-large', `response of ${declared} bytes is over the ${maxBytes} byte cap`);
  }
  if (!res.body) return { text: '', bytes: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw new SiteError('too-large', `response over the ${maxBytes} byte cap`);
      }
      chunks.push(value);
    }
  } catch (err) {
    throw asSiteError(err);
  }
  return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)), bytes };
}

function asSiteError(err: unknown): SiteError {
  if (err instanceof SiteError) return err;
  const e = err as Error;
  const timeout = e?.name === 'TimeoutError' || e?.name === 'AbortError';
  return new SiteError(
    timeout ? 'timeout' : 'network',
    timeout ? 'request timed out' : `network error: ${e?.message}`,
    {
      cause: err,
    },
  );
}

function semaphore(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
