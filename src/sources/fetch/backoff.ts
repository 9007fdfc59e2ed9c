export const DAY_MS = 24 * 60 * 60_000;

export interface BackoffOptions {
  /** the wait after the first failure */
  baseMs: number;
  /** never longer than this (a day: a dead feed is still tried daily) */
  maxMs?: number;
  /** [0, 1); injectable so tests are exact */
  random?: () => number;
}

/**
 * How long a feed rests after `failures` failures in a row: base·2^(n-1), capped, with the
 * upper half jittered so many feeds failing together (an RSSHub outage) do not retry in step.
 */
export function backoffDelay(failures: number, opts: BackoffOptions): number {
  if (failures <= 0) return 0;
  const max = opts.maxMs ?? DAY_MS;
  const exp = Math.min(max, opts.baseMs * 2 ** Math.min(failures - 1, 40));
  const random = opts.random ?? Math.random;
  return Math.round(exp / 2 + (exp / 2) * random());
}
