import type { LookupFunction } from 'node:net';
import { FetchError } from '../types.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Connect to exactly the address that was checked, whatever the socket asks for. */
export function pinned(address: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    if (options?.all) cb(null, [address]);
    else cb(null, address.address, address.family);
  }) as LookupFunction;
}

export function parseUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FetchError('bad-url', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchError('bad-url', `only http and https URLs can be read, not ${url.protocol}`);
  return url;
}

/** Rejects when the deadline passes, even while DNS is still answering (a lookup cannot be aborted). */
export function aborted(signal: AbortSignal, ms: number): Promise<never> {
  return new Promise((_, fail) => {
    signal.addEventListener(
      'abort',
      () => fail(new FetchError('timeout', `no complete answer in ${ms} ms`)),
      {
        once: true,
      },
    );
  });
}

export function asFetchError(err: unknown, timedOut: boolean, ms: number): FetchError {
  if (err instanceof FetchError) return err;
  if (timedOut) return new FetchError('timeout', `no complete answer in ${ms} ms`);
  const e = err as NodeJS.ErrnoException;
  return new FetchError('network', `network error: ${e?.code ?? e?.message ?? 'unknown'}`);
}
