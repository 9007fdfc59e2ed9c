import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { RouteSpec } from './feed-server.ts';

/** How the feed server answers one route: conditional GET, encodings, faults. */
const etagOf = (b: Buffer) => `"${createHash('sha1').update(b).digest('hex').slice(0, 16)}"`;
const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

export function answer(
  req: IncomingMessage,
  res: ServerResponse,
  spec: RouteSpec,
  record: (s: number) => void,
) {
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.reset) {
    record(0);
    return void req.socket.destroy();
  }
  if (spec.redirect) {
    record(302);
    return void res.writeHead(302, { ...headers, location: spec.redirect }).end();
  }
  if (spec.contentType !== null) {
    const type = spec.contentType ?? 'application/xml';
    headers['content-type'] = spec.charset ? `${type}; charset=${spec.charset}` : type;
  }
  if (spec.cacheControl) headers['cache-control'] = spec.cacheControl;
  if (spec.expires) headers.expires = spec.expires;
  if (spec.hang) {
    record(200);
    res.writeHead(200, headers);
    return void res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  }
  if (spec.generatedBytes !== undefined) return streamGenerated(res, spec, headers, record);
  if (spec.trickleMs) return trickle(res, spec, headers, record);
  const raw = typeof spec.body === 'string' ? Buffer.from(spec.body) : (spec.body ?? Buffer.alloc(0));
  const etag = spec.etag === true ? etagOf(raw) : spec.etag || undefined;
  if (etag) headers.etag = etag;
  if (spec.lastModified) headers['last-modified'] = spec.lastModified.toUTCString();
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const fresh = inm
    ? inm === etag
    : ims && spec.lastModified
      ? Date.parse(ims) >= Math.floor(spec.lastModified.getTime() / 1000) * 1000
      : false;
  if (fresh) {
    record(304);
    return void res.writeHead(304, headers).end();
  }
  const body = spec.encoding ? encoders[spec.encoding](raw) : raw;
  if (spec.encoding) headers['content-encoding'] = spec.encoding;
  if (!spec.chunked) headers['content-length'] = String(body.length);
  const status = spec.status ?? 200;
  record(status);
  res.writeHead(status, headers).end(body);
}

function streamGenerated(
  res: ServerResponse,
  spec: RouteSpec,
  headers: Record<string, string>,
  record: (s: number) => void,
) {
  const total = spec.generatedBytes ?? 0;
  if (!spec.chunked) headers['content-length'] = String(total);
  record(200);
  res.writeHead(200, headers);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => {
    sent = total;
  });
  pump();
}

function trickle(
  res: ServerResponse,
  spec: RouteSpec,
  headers: Record<string, string>,
  record: (s: number) => void,
) {
  const body = typeof spec.body === 'string' ? Buffer.from(spec.body) : (spec.body ?? Buffer.alloc(0));
  record(200);
  res.writeHead(200, headers);
  let i = 0;
  const timer = setInterval(() => {
    if (i >= body.length) {
      clearInterval(timer);
      return void res.end();
    }
    res.write(body.subarray(i, ++i));
  }, spec.trickleMs);
  res.on('close', () => clearInterval(timer));
}
