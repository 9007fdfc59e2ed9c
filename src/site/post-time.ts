const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** how far in the future a post time may be before it counts as the zone-less quirk (clock skew) */
const FUTURE_SLACK_MS = 10 * 60_000;

/**
 * The `<small>` date line, `(GMT+8, Asia/Shanghai, CST) 2022-03-15 05:35:18`: wall-clock time
 * in Asia/Shanghai, which has been UTC+8 without DST since 1991, so a fixed offset is exact.
 */
export function parseShanghaiTime(text: string): number | null {
  const m = /(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - SHANGHAI_OFFSET_MS;
  return Number.isFinite(ms) ? ms : null;
}

export type ZoneFix = 'none' | 'old-crawler' | 'future';

/**
 * README quirk 4: the crawler once wrote `date:` without a zone, in Shanghai wall-clock time.
 * Jekyll builds in UTC, so such a post is rendered 8 hours late everywhere (page, meta, feed).
 * Nothing on the page says so directly; two signs do:
 * - that crawler version is the one that wrote relative back links (`../emnews/`): in the
 *   site's post files every zone-less crawled post has them and no zoned post does;
 * - a time later than the moment we fetched the page (a fresh post read live) that becomes
 *   plausible when moved back 8 hours.
 * A hand-written zone-less post without back links and read after the fact (the site's very
 * first post) carries no sign and keeps the time the page shows.
 */
export function correctZoneless(
  shown: number,
  signs: { relativeBackLinks: boolean; fetchedAt?: number | undefined },
): { publishedAt: number; fix: ZoneFix } {
  if (signs.relativeBackLinks) return { publishedAt: shown - SHANGHAI_OFFSET_MS, fix: 'old-crawler' };
  const now = signs.fetchedAt;
  if (
    now !== undefined &&
    shown > now + FUTURE_SLACK_MS &&
    shown - SHANGHAI_OFFSET_MS <= now + FUTURE_SLACK_MS
  ) {
    return { publishedAt: shown - SHANGHAI_OFFSET_MS, fix: 'future' };
  }
  return { publishedAt: shown, fix: 'none' };
}

/** a back link written relative to the post (`<a href="../emnews/">返回…`) */
export const RELATIVE_BACK_LINK = /<a\s[^>]*href\s*=\s*["']\.\.\/[^"']*["'][^>]*>\s*返回/;
