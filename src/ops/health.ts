import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Deps } from '../deps.ts';

export interface HealthOptions {
  /** a poll older than this makes /healthz answer 503 */
  maxPollAgeMs: number;
  startedAt: number;
}

async function healthStatus(
  deps: Pick<Deps, 'storageProbe' | 'metrics' | 'now' | 'pollState'>,
  opts: HealthOptions,
): Promise<{ ok: boolean; reason: string }> {
  try {
    await deps.storageProbe.check();
  } catch (err) {
    return { ok: false, reason: `storage does not answer: ${(err as Error).message}` };
  }
  // the poll state is shared: an instance that rarely wins the poll lease still sees the
  // group's last poll, so a load balancer doesn't take healthy standbys out
  const shared = ((await deps.pollState.load()).lastSuccessAt ?? 0) / 1000;
  const last = Math.max((await deps.metrics.lastPoll.get()).values[0]?.value ?? 0, shared);
  const now = deps.now();
  if (last === 0) {
    // a fresh process gets one poll interval's grace before it counts as unhealthy
    if (now - opts.startedAt > opts.maxPollAgeMs)
      return { ok: false, reason: 'no successful poll since start' };
    return { ok: true, reason: 'starting' };
  }
  const age = now - last * 1000;
  if (age > opts.maxPollAgeMs)
    return { ok: false, reason: `last successful poll ${Math.round(age / 1000)}s ago` };
  return { ok: true, reason: 'ok' };
}

/** /healthz and /metrics on METRICS_PORT; nothing else is served. */
export function startHealthServer(
  deps: Pick<Deps, 'storageProbe' | 'metrics' | 'now' | 'log' | 'pollState'>,
  port: number,
  opts: HealthOptions,
): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((err: unknown) => {
      deps.log.error({ err }, 'health endpoint failed');
      if (!res.headersSent) res.writeHead(500).end('error\n');
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end('method not allowed\n');
    } else if (path === '/healthz') {
      const status = await healthStatus(deps, opts);
      res
        .writeHead(status.ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${status.ok ? 'ok' : 'unhealthy'}: ${status.reason}\n`);
    } else if (path === '/metrics') {
      const body = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': deps.metrics.registry.contentType }).end(body);
    } else {
      res.writeHead(404).end('not found\n');
    }
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
