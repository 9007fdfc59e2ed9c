import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCategories } from '../chats/categories.ts';
import type { Deps } from '../deps.ts';
import { createUserRateLimit } from '../service/rate-limit.ts';
import { cachedRegistry } from '../service/sources.ts';
import { ROUTES } from './api.ts';
import { HttpError, SECURITY_HEADERS, sendJson } from './http.ts';
import { checkInitData, initDataFromHeader, webAppSecret } from './init-data.ts';
import { loadStatic, serveStatic } from './static.ts';

/** a trivial authenticated endpoint: the benchmark's baseline, and a liveness probe for the app */
const PING = '/api/ping';

/**
 * The Mini App's HTTP handler: the page under /app/, JSON under /api/. Every API call must
 * carry valid initData (`Authorization: tma <initData>`); a missing, tampered or expired one
 * gets 401 before anything is read or changed. Users are then metered like commands.
 */
function createWebHandler(deps: Deps) {
  const token = deps.config.BOT_TOKEN;
  if (!token) throw new Error('BOT_TOKEN is required for the Mini App');
  const secret = webAppSecret(token);
  const assets = loadStatic();
  const limit = createUserRateLimit(deps.config.USER_RATE_LIMIT, deps.now);
  const sources = createCategories({
    registry: cachedRegistry(deps.registry, deps.now),
    site: deps.site,
    now: deps.now,
  });
  const log = deps.log.child({ room: 'web' });
  const count = (outcome: string) => deps.metrics.webRequests.inc({ outcome });

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const auth = checkInitData(initDataFromHeader(req.headers.authorization), secret, deps.now());
    if (!auth.ok) {
      count('unauthorized');
      log.info({ reason: auth.reason, path: url.pathname }, 'Mini App call refused');
      return sendJson(res, 401, { error: 'unauthorized', reason: auth.reason });
    }
    if (limit.take(auth.user.id) !== 'ok') {
      count('rate-limited');
      return sendJson(res, 429, { error: 'rate-limited' });
    }
    if (url.pathname === PING) return sendJson(res, 200, { ok: true });
    let allowed: string[] = [];
    for (const route of ROUTES) {
      const m = route.path.exec(url.pathname);
      if (!m) continue;
      if (route.method !== req.method) {
        allowed.push(route.method);
        continue;
      }
      const body = await route.handler({ deps, user: auth.user, url, req, params: m.slice(1), sources });
      count('ok');
      return sendJson(res, 200, body);
    }
    allowed = [...new Set(allowed)];
    if (allowed.length) throw new HttpError(405, 'method-not-allowed');
    throw new HttpError(404, 'not-found');
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url = new URL('http://localhost/');
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname === '/app') {
        res.writeHead(301, { ...SECURITY_HEADERS, location: `/app/${url.search}` }).end();
        return;
      }
      const name = url.pathname === '/app/' ? 'index.html' : url.pathname.replace(/^\/app\//, '');
      if (url.pathname.startsWith('/app/') && serveStatic(assets, name, req, res)) return;
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('not found\n');
    } catch (err) {
      if (err instanceof HttpError) {
        count(err.status === 403 ? 'forbidden' : 'invalid');
        if (err.status === 413) res.setHeader('connection', 'close');
        return sendJson(res, err.status, {
          error: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
        });
      }
      count('error');
      log.error({ err, path: url.pathname }, 'Mini App request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.end();
    }
  };
}

export interface WebServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on WEB_PORT; the operator's HTTPS proxy publishes it as WEBAPP_URL. */
export async function startWebServer(
  deps: Deps,
  opts: { port?: number; host?: string } = {},
): Promise<WebServer> {
  const handler = createWebHandler(deps);
  const server = createServer((req, res) => void handler(req, res));
  // a slow client must not hold a socket for long: the page and every API answer are small
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? deps.config.WEB_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  deps.log.info({ port, url: deps.config.WEBAPP_URL }, 'Mini App listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
