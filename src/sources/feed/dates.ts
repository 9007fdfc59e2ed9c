/** China Standard Time: a date without a zone in a Chinese feed means Beijing time. */
const SHANGHAI = '+08:00';

/** 2026-12-06 10:30[:00], 2026/12/06, 2026.12.06, 2026年12月6日 10:30, optionally with a T */
const ZONELESS =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?)?\s*秒?)?$/;

const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');

/**
 * Epoch ms from the forms feeds use: RFC 822 (RSS), ISO 8601 (Atom, JSON Feed) and the common
 * Chinese local forms. Returns null for anything else rather than guessing.
 */
export function parseFeedDate(raw: string | undefined | null): number | null {
  const s = raw?.trim();
  if (!s) return null;
  const local = ZONELESS.exec(s);
  if (local) {
    const [, y, mo, d, h, mi, se] = local;
    const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(se)}${SHANGHAI}`;
    const t = Date.parse(iso);
    return Number.isFinite(t) ? t : null;
  }
  // in a Chinese feed "CST" is China Standard Time, not US Central, which is what Date.parse assumes
  const rfc = s.replace(/\bCST$/i, '+0800').replace(/\bBJT$/i, '+0800');
  const t = Date.parse(rfc);
  return Number.isFinite(t) ? t : null;
}
