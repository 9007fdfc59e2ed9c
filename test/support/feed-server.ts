import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answer } from './feed-answer.ts';

/** Hand-written feed fixtures, committed so a clone anywhere can run the tests. */
export const FEED_FIXTURES_DIR = new URL('../fixtures/feeds/', import.meta.url);

export const fixtureBytes = (name: string): Buffer => readFileSync(new URL(name, FEED_FIXTURES_DIR));
export const fixtureText = (name: string): string => fixtureBytes(name).toString('utf8');

/** What one path answers. Everything is optional: a bare `{ body }` is a 200 with text/xml. */
export interface RouteSpec {
  body?: string | Buffer;
  status?: number;
  /** null sends no Content-Type at all */
  contentType?: string | null;
  /** appended as `; charset=…` to the content type */
  charset?: string;
  /** true: a hash of the body; a string: that exact ETag */
  etag?: boolean | string;
  lastModified?: Date;
  cacheControl?: string;
  expires?: string;
  encoding?: 'gzip' | 'deflate' | 'br';
  headers?: Record<string, string>;
  /** answers 302 with this Location (relative or absolute) */
  redirect?: string;
  /** sends headers and the first bytes of the body, then nothing, forever */
  hang?: boolean;
  /** streams a generated body of this many bytes (never held in memory, never committed) */
  generatedBytes?: number;
  /** leave out Content-Length (chunked), so only the streamed size can give a big body away */
  chunked?: boolean;
  /** drops the connection without an answer */
  reset?: boolean;
  /** sends the body one byte per this many ms: never idle, never done in time */
  trickleMs?: number;
}

export interface FeedRequest {
  path: string;
  /** the Host header: a pinned connection still names the host it asked for */
  host: string;
  status: number;
  conditional: boolean;
  userAgent: string;
  acceptEncoding: string;
}

export interface FeedServer {
  /** http://127.0.0.1:port */
  url: string;
  host: string;
  /** changes what a path answers; "time passes" for that feed */
  setRoute(path: string, spec: RouteSpec): void;
  clearRoute(path: string): void;
  log: FeedRequest[];
  /** requests per path since start (or the last reset) */
  hits(path: string): number;
  /** TCP connections accepted: proves a refused URL never reached the server */
  connections(): number;
  reset(): void;
  close(): Promise<void>;
}

const typeFor = (name: string): string =>
  name.endsWith('.json')
    ? 'application/feed+json'
    : name.endsWith('.html')
      ? 'text/html'
      : name.endsWith('.opml')
        ? 'text/x-opml'
        : 'application/xml';

/** The built-in routes every test may use, besides every file under test/fixtures/feeds at /<name>. */
function builtins(): Map<string, RouteSpec> {
  return new Map<string, RouteSpec>([
    ['/loop/a', { redirect: '/loop/b' }],
    ['/loop/b', { redirect: '/loop/a' }],
    ['/hang', { contentType: 'application/xml', hang: true }],
    ['/huge', { generatedBytes: 20 * 1024 * 1024, chunked: true }],
    ['/huge-declared', { generatedBytes: 20 * 1024 * 1024 }],
  ]);
}

export async function startFeedServer(): Promise<FeedServer> {
  const files = new Map<string, RouteSpec>();
  for (const name of readdirSync(FEED_FIXTURES_DIR)) {
    if (name === 'README.md') continue;
    files.set(`/${name}`, { body: fixtureBytes(name), contentType: typeFor(name), etag: true });
  }
  let routes = builtins();
  const log: FeedRequest[] = [];
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  let connections = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const spec = routes.get(path) ?? files.get(path);
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const record = (status: number) => {
      hits.set(path, (hits.get(path) ?? 0) + 1);
      log.push({
        path,
        host: req.headers.host ?? '',
        status,
        conditional,
        userAgent: req.headers['user-agent'] ?? '',
        acceptEncoding: String(req.headers['accept-encoding'] ?? ''),
      });
    };
    if (!spec) {
      record(404);
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    answer(req, res, spec, record);
  };

  const server = createServer(handle);
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    setRoute: (path, spec) => void routes.set(path, spec),
    clearRoute: (path) => void routes.delete(path),
    log,
    hits: (path) => hits.get(path) ?? 0,
    connections: () => connections,
    reset() {
      routes = builtins();
      log.splice(0);
      hits.clear();
      connections = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
