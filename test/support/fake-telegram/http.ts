import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from './router.ts';
import type { FakeState } from './state.ts';

const MAX_BODY = 60 * 1024 * 1024;
// fields that arrive JSON-encoded in form bodies (telegraf's multipart, or urlencoded clients)
const JSON_FIELDS = new Set([
  'reply_markup',
  'reply_parameters',
  'link_preview_options',
  'entities',
  'caption_entities',
  'scope',
  'commands',
  'allowed_updates',
  'media',
]);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function formValue(key: string, value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** JSON, multipart or urlencoded body, plus query string parameters, as one object. */
async function parseParams(
  req: IncomingMessage,
  url: URL,
  uploads: Map<string, { name: string; bytes: Buffer }>,
): Promise<Record<string, unknown> | undefined> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) params[k] = formValue(k, v);
  const raw = await readBody(req);
  if (raw.length === 0) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return { ...params, ...(parsed as Record<string, unknown>) };
  }
  if (type.includes('multipart/form-data') || type.includes('application/x-www-form-urlencoded')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    for (const [k, v] of form) {
      if (typeof v === 'string') params[k] = formValue(k, v);
      else {
        params[k] = `<upload ${v.name}>`;
        uploads.set(k, { name: v.name, bytes: Buffer.from(await v.arrayBuffer()) });
      }
    }
  }
  return params;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
  if (download) {
    const file = download[1] === state.token ? state.files.atPath(download[2] ?? '') : undefined;
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
    return;
  }
  const match = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) {
    sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    return;
  }
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  let body: Record<string, unknown> | undefined;
  const uploads = new Map<string, { name: string; bytes: Buffer }>();
  try {
    body = await parseParams(req, url, uploads);
  } catch {
    body = undefined;
  }
  if (!body) {
    sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid request body' });
    return;
  }
  const reply = await dispatch(state, {
    method: decodeURIComponent(match[2] ?? ''),
    token: decodeURIComponent(match[1] ?? ''),
    body,
    signal: abort.signal,
    uploads,
  });
  if (reply.kind === 'drop') {
    req.socket.destroy();
  } else if (reply.kind === 'json') {
    if (!res.destroyed) sendJson(res, reply.status, reply.payload);
  }
  // 'hang': leave the request open; close() or the client ends it
}

export interface HttpHandle {
  server: Server;
  apiRoot: string;
  close(): Promise<void>;
}

export async function listen(state: FakeState, host = '127.0.0.1'): Promise<HttpHandle> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { ok: false, error_code: 500, description: `fake Telegram: ${String(error)}` });
      }
    });
  });
  // keep-alive sockets would otherwise hold close() until they time out
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    apiRoot: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        state.queue.release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
