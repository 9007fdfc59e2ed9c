import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './http.ts';

export const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}

/**
 * The front end, read once at start and compressed once: the files are hand-written ES
 * modules and CSS with no build step. Only the names found here are ever served, so no
 * request path reaches the file system.
 */
export function loadStatic(dir = STATIC_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    assets.set(name, { body, gzip: gzipSync(body, { level: 9 }), type, etag });
  }
  return assets;
}

export function serveStatic(
  assets: Map<string, Asset>,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const asset = assets.get(name);
  if (!asset) return false;
  // revalidated on every open: an upgrade of the bot must never leave an old app.js running
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    'cache-control': 'no-cache',
    etag: asset.etag,
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzip : asset.body;
  res.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
