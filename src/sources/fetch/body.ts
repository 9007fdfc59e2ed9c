import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchError } from '../types.ts';

export interface Body {
  data: Buffer;
  /** bytes as they came over the wire (compressed) */
  wireBytes: number;
}

function decoder(encoding: string): Transform | null {
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

/**
 * Reads a response, capping the decompressed size while it streams: a small gzip bomb is cut
 * as soon as its output passes the cap, and a huge Content-Length is refused before reading.
 */
export function readBody(res: IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = Number(res.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) {
    res.destroy();
    return Promise.reject(new FetchError('too-large', `${declared} bytes is over the ${maxBytes} byte cap`));
  }
  const unzip = decoder(String(res.headers['content-encoding'] ?? ''));
  const out: Readable = unzip ?? res;
  return new Promise<Body>((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wireBytes = 0;
    const stop = (err: Error) => {
      fail(err); // first: destroying below emits 'aborted', which must not win
      res.destroy();
      unzip?.destroy();
    };
    res.on('data', (c: Buffer) => {
      wireBytes += c.length;
    });
    out.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) return stop(new FetchError('too-large', `body over the ${maxBytes} byte cap`));
      chunks.push(c);
    });
    out.on('end', () => ok({ data: Buffer.concat(chunks), wireBytes }));
    out.on('error', (err) => stop(new FetchError('network', `bad body: ${err.message}`)));
    if (unzip) {
      res.on('error', stop);
      res.pipe(unzip);
    }
    res.on('aborted', () => stop(new FetchError('network', 'connection closed mid-body')));
  });
}
