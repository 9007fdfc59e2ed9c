import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the site server can do wrong, for one path or all. */
export type Fault =
  | 'down' // the connection is dropped before any answer
  | 'hang' // headers never come
  | 'truncate' // Content-Length promises more than is sent
  | 'garbage' // 200 with bytes that are not HTML
  | 'huge' // 200, chunked, far more bytes than any cap
  | 'slow' // the normal answer, 100 ms late
  | 'off-origin' // 302 to another host
  | 404
  | 500
  | { status: number; body: string }
  | { redirect: string }; // 302 to this location

/** Answers a request the way the fault says; `logged` is the request-log entry to fill in. */
export function answerWithFault(
  fault: Exclude<Fault, 'slow'>,
  req: IncomingMessage,
  res: ServerResponse,
  logged: { status: number; bytes: number },
  page: Buffer | undefined,
  notFound: Buffer | undefined,
): void {
  const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
    const b = typeof body === 'string' ? Buffer.from(body) : body;
    logged.status = status;
    logged.bytes = b.length;
    res.writeHead(status, { 'content-length': String(b.length), ...headers });
    res.end(b);
  };
  if (fault === 'down') {
    req.socket.destroy();
    return;
  }
  if (fault === 'hang') return;
  if (fault === 404) {
    send(404, notFound ?? 'not found', { 'content-type': 'text/html' });
    return;
  }
  if (fault === 500) {
    send(500, 'Internal Server Error');
    return;
  }
  if (fault === 'garbage') {
    send(200, Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x9d, 0x13, 0x00, 0x7f]).toString('latin1').repeat(200));
    return;
  }
  if (fault === 'off-origin') {
    send(302, '', { location: 'http://169.254.169.254/latest/' });
    return;
  }
  if (fault === 'truncate') {
    const full = page ?? Buffer.from('<html>');
    const half = Math.floor(full.length / 2);
    logged.status = 200;
    logged.bytes = half;
    res.writeHead(200, { 'content-length': String(full.length), 'content-type': 'text/html' });
    res.write(full.subarray(0, half));
    return void setTimeout(() => req.socket.destroy(), 5);
  }
  if (fault === 'huge') {
    logged.status = 200;
    logged.bytes = -1;
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < 64 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => {});
    pump();
    return;
  }
  if ('redirect' in fault) {
    send(302, '', { location: fault.redirect });
    return;
  }
  send(fault.status, fault.body, { 'content-type': 'text/html; charset=utf-8' });
}
