import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type {
  FetchErrorKind,
  FetchedDoc,
  Fetcher,
  FetcherStats,
  FetchRequest,
  Validators,
} from '../types.ts';
import { FetchError } from '../types.ts';
import { allowList, isAllowedHost, isPublicAddress } from './address.ts';
import { readBody } from './body.ts';
import { aborted, asFetchError, parseUrl, pinned, type ResolvedAddress } from './hop.ts';

export type { ResolvedAddress } from './hop.ts';

import { freshUntil } from './cache-headers.ts';
import { decodeBody } from './charset.ts';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const DEFAULT_FEED_USER_AGENT = 'kuaixun/0.1 (+https://github.com/kuaixun/kuaixun; feed reader)';

export interface FetcherOptions {
  /** `host` or `host:port` entries reachable even when they resolve to a non-public address */
  allowPrivate?: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent?: string;
  log?: { warn(obj: object, msg: string): void };
  /** counters; the composition root maps these onto prom-client */
  metrics?: {
    request?(status: number): void;
    error?(kind: FetchErrorKind): void;
    charsetFallback?(label: string): void;
  };
  now?: () => number;
  /** name → addresses; dns.lookup(all) by default, replaceable so tests can resolve a name anywhere */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

export function createFetcher(opts: FetcherOptions): Fetcher {
  const allow = allowList(opts.allowPrivate ?? []);
  const maxRedirects = opts.maxRedirects ?? 5;
  const now = opts.now ?? Date.now;
  const resolve = opts.resolve ?? defaultResolve;
  const counts: FetcherStats = { requests: 0, bytes: 0, notModified: 0, errors: 0, refused: 0 };

  async function addressFor(url: URL): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: ResolvedAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await resolve(host);
      } catch (err) {
        throw new FetchError(
          'dns',
          `${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      if (addresses.length === 0) throw new FetchError('dns', `${host} does not resolve`);
    }
    // every address must pass: a name with one public and one private address is refused
    if (!isAllowedHost(allow, url) && addresses.some((a) => !isPublicAddress(a.address)))
      throw new FetchError('refused', `${url.host} resolves to a non-public address`);
    return addresses[0]!;
  }

  function request(url: URL, address: ResolvedAddress, req: FetchRequest, signal: AbortSignal) {
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? DEFAULT_FEED_USER_AGENT,
      accept: req.accept ?? FEED_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (req.validators?.etag) headers['if-none-match'] = req.validators.etag;
    if (req.validators?.lastModified) headers['if-modified-since'] = req.validators.lastModified;
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<IncomingMessage>((ok, fail) => {
      const r = mod.request(url, { headers, lookup: pinned(address), signal, agent: false }, ok);
      r.on('error', fail);
      r.end();
    });
  }

  async function run(req: FetchRequest, signal: AbortSignal): Promise<FetchedDoc> {
    const maxBytes = req.maxBytes ?? opts.maxBytes;
    let url = parseUrl(req.url);
    for (let hop = 0; ; hop++) {
      const address = await addressFor(url);
      counts.requests++;
      const res = await request(url, address, req, signal);
      const status = res.statusCode ?? 0;
      opts.metrics?.request?.(status);
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        res.destroy();
        if (hop >= maxRedirects)
          throw new FetchError('too-many-redirects', `more than ${maxRedirects} redirects`);
        url = parseUrl(location, url);
        continue;
      }
      const contentType = res.headers['content-type'] ?? null;
      const fresh = freshUntil(
        { cacheControl: res.headers['cache-control'], expires: res.headers.expires, age: res.headers.age },
        now(),
      );
      const seen: Validators = {};
      if (res.headers.etag) seen.etag = res.headers.etag;
      if (res.headers['last-modified']) seen.lastModified = res.headers['last-modified'];
      if (status === 304) {
        res.destroy();
        counts.notModified++;
        const validators = { ...req.validators, ...seen };
        return {
          status,
          notModified: true,
          url: url.href,
          text: '',
          bytes: 0,
          contentType,
          charset: 'utf-8',
          validators,
          freshUntil: fresh,
        };
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new FetchError('http', `HTTP ${status} from ${url.host}`, status);
      }
      const body = await readBody(res, maxBytes);
      counts.bytes += body.wireBytes;
      const decoded = decodeBody(body.data, contentType);
      if (decoded.unknownLabel) {
        opts.metrics?.charsetFallback?.(decoded.unknownLabel);
        opts.log?.warn({ url: url.href, label: decoded.unknownLabel }, 'unknown charset, read as UTF-8');
      }
      return {
        status,
        notModified: false,
        url: url.href,
        text: decoded.text,
        bytes: body.wireBytes,
        contentType,
        charset: decoded.charset,
        validators: seen,
        freshUntil: fresh,
      };
    }
  }

  return {
    async fetch(req) {
      const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
      const ctl = new AbortController();
      // one deadline for the whole request: every hop, the DNS answers and a body that trickles
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      try {
        return await Promise.race([run(req, ctl.signal), aborted(ctl.signal, timeoutMs)]);
      } catch (err) {
        const e = asFetchError(err, ctl.signal.aborted, timeoutMs);
        counts.errors++;
        if (e.kind === 'refused') counts.refused++;
        opts.metrics?.error?.(e.kind);
        throw e;
      } finally {
        clearTimeout(timer);
        ctl.abort();
      }
    },
    stats: () => ({ ...counts }),
  };
}
