import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerWithFault, type Fault } from './site-faults.ts';

/** The finews snapshots, committed under test/fixtures so a clone anywhere can run the tests. */
export const SNAPSHOTS_DIR = fileURLToPath(new URL('../fixtures/finews/snapshots/', import.meta.url));
export const SNAPSHOTS = [
  's1-2021-12-08-1200',
  's2-2021-12-08-1600',
  's3-2022-03-15',
  's4-2022-05-31',
] as const;

export type { Fault } from './site-faults.ts';

export interface LoggedRequest {
  path: string;
  status: number;
  bytes: number;
  conditional: boolean;
  userAgent: string;
  /** when the request arrived (epoch ms): several instances' reads are told apart by tick */
  at: number;
}

export interface SiteServer {
  url: string;
  /** the snapshot (or in-memory site) now served: "time passes" on the site */
  switchTo(snapshot: string): void;
  /** serve generated pages instead of a snapshot folder (decoded path → body) */
  serveFiles(files: ReadonlyMap<string, string>, lastModified?: Date): void;
  /** a fault for one decoded path, or '*' for every path; `times` makes it transient */
  fault(path: string, fault: Fault | null, opts?: { times?: number }): void;
  clearFaults(): void;
  log: LoggedRequest[];
  clearLog(): void;
  /** most requests open at the same time since the last clearLog */
  maxInFlight(): number;
  close(): Promise<void>;
}

interface Page {
  body: Buffer;
  etag: string;
}

function snapshotDate(name: string): Date {
  const m = /(\d{4})-(\d{2})-(\d{2})(?:-(\d{2})(\d{2}))?/.exec(name);
  if (!m) return new Date(0);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:00+08:00`);
}

const etagOf = (b: Buffer) => `"${createHash('sha1').update(b).digest('hex').slice(0, 16)}"`;

/** A static server for the finews snapshots with conditional GET and fault injection. */
export async function startSiteServer(opts: { snapshot?: string; dir?: string } = {}): Promise<SiteServer> {
  const dir = opts.dir ?? SNAPSHOTS_DIR;
  let root = resolve(dir, opts.snapshot ?? SNAPSHOTS[0]);
  let files: ReadonlyMap<string, string> | null = null;
  let lastModified = snapshotDate(opts.snapshot ?? SNAPSHOTS[0]);
  const cache = new Map<string, Page | null>();
  const faults = new Map<string, { fault: Fault; times: number }>();
  const log: LoggedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const load = (path: string): Page | null => {
    if (cache.has(path)) return cache.get(path)!;
    let body: Buffer | null = null;
    if (files) {
      const s = files.get(path);
      body = s === undefined ? null : Buffer.from(s);
    } else {
      const file = resolve(root, `.${path}`);
      if (file.startsWith(root + sep)) {
        try {
          if (statSync(file).isFile()) body = readFileSync(file);
        } catch {
          body = null;
        }
      }
    }
    const page = body ? { body, etag: etagOf(body) } : null;
    cache.set(path, page);
    return page;
  };

  const takeFault = (asked: string, path: string): Fault | null => {
    for (const key of [asked, path, '*']) {
      const f = faults.get(key);
      if (!f) continue;
      if (f.times !== Number.POSITIVE_INFINITY && --f.times <= 0) faults.delete(key);
      return f.fault;
    }
    return null;
  };

  let inFlight = 0;
  let maxInFlight = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '/__bad__';
    }
    const asked = path;
    if (path.endsWith('/')) path += 'index.html';
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const userAgent = req.headers['user-agent'] ?? '';
    const at = Date.now();
    const fault = takeFault(asked, path);
    if (fault === 'slow')
      return void setTimeout(() => serve(req, res, path, conditional, userAgent, at), 100);
    if (fault !== null) {
      const logged: LoggedRequest = { path, status: 0, bytes: 0, conditional, userAgent, at };
      log.push(logged);
      return answerWithFault(fault, req, res, logged, load(path)?.body, load('/404.html')?.body);
    }
    serve(req, res, path, conditional, userAgent, at);
  };

  const serve = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    conditional: boolean,
    userAgent: string,
    at: number,
  ) => {
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      const b = typeof body === 'string' ? Buffer.from(body) : body;
      log.push({ path, status, bytes: b.length, conditional, userAgent, at });
      res.writeHead(status, { 'content-length': String(b.length), ...headers });
      res.end(b);
    };
    const page = load(path);
    if (!page) return send(404, load('/404.html')?.body ?? 'not found', { 'content-type': 'text/html' });
    const lm = lastModified.toUTCString();
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm ? inm === page.etag : ims ? Date.parse(ims) >= Date.parse(lm) : false;
    const type = path.endsWith('.xml') ? 'application/xml' : 'text/html; charset=utf-8';
    if (fresh) {
      log.push({ path, status: 304, bytes: 0, conditional, userAgent, at });
      res.writeHead(304, { etag: page.etag, 'last-modified': lm });
      return void res.end();
    }
    send(200, page.body, { etag: page.etag, 'last-modified': lm, 'content-type': type });
  };

  const server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    switchTo(snapshot) {
      root = resolve(dir, snapshot);
      files = null;
      lastModified = snapshotDate(snapshot);
      cache.clear();
    },
    serveFiles(f, lm = new Date()) {
      files = f;
      lastModified = lm;
      cache.clear();
    },
    fault(path, fault, o = {}) {
      if (fault === null) faults.delete(path);
      else faults.set(path, { fault, times: o.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults: () => faults.clear(),
    log,
    clearLog: () => {
      log.splice(0);
      maxInFlight = inFlight;
    },
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
