interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/** ok: go on; first-over: refuse and say so once; over: refuse quietly. */
export type Take = 'ok' | 'first-over' | 'over';

/**
 * Per-user token bucket: `perMinute` actions a minute, refilled continuously. Commands and
 * the Mini App's API both meter users with it, at the same USER_RATE_LIMIT.
 */
export function createUserRateLimit(perMinute: number, now: () => number) {
  const buckets = new Map<number, Bucket>();
  const perMs = perMinute / 60_000;
  return {
    take(userId: number): Take {
      const t0 = now();
      let b = buckets.get(userId);
      if (!b) {
        if (buckets.size > 50_000) buckets.clear();
        b = { tokens: perMinute, at: t0, warned: false };
        buckets.set(userId, b);
      }
      b.tokens = Math.min(perMinute, b.tokens + (t0 - b.at) * perMs);
      b.at = t0;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        if (b.tokens >= 1) b.warned = false;
        return 'ok';
      }
      const first = !b.warned;
      b.warned = true;
      return first ? 'first-over' : 'over';
    },
  };
}
