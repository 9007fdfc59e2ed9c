/**
 * When the server asked us not to come back before (RSSHub sets Cache-Control from its own
 * cache lifetime). The poller treats it as a lower bound on the next check, never an upper one.
 */
export function freshUntil(
  headers: {
    cacheControl?: string | null | undefined;
    expires?: string | null | undefined;
    age?: string | null | undefined;
  },
  now: number,
): number | null {
  const cc = (headers.cacheControl ?? '').toLowerCase();
  if (/(?:^|[,\s])(?:no-store|no-cache)\b/.test(cc)) return null;
  // s-maxage is what RSSHub and CDNs set for shared caches; a feed reader is one
  const shared = /s-maxage\s*=\s*"?(\d+)/.exec(cc);
  const own = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/.exec(cc);
  const seconds = shared?.[1] ?? own?.[1];
  if (seconds !== undefined) {
    const age = Number.parseInt(headers.age ?? '0', 10);
    const left = Number.parseInt(seconds, 10) - (Number.isFinite(age) ? age : 0);
    return left > 0 ? now + left * 1000 : null;
  }
  if (headers.expires) {
    const at = Date.parse(headers.expires);
    if (Number.isFinite(at) && at > now) return at;
  }
  return null;
}
