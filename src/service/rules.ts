/**
 * The rules every way of changing a chat obeys (commands, buttons, the Mini App): what a
 * time, a zone or a mode may be. One copy, so the two front doors can never disagree.
 */

/** the most digest times a chat may have */
export const MAX_DIGEST_TIMES = 8;

export { DEFAULT_DIGEST_TIMES } from '../chats/store.ts';

/** `7:30`, `07:30`, `0730`, `19点` → `HH:MM`, or null. */
export function parseTime(word: string): string | null {
  const w = word.normalize('NFKC').replace(/[点時时]$/, '');
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(w);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Digest times from user words: sorted, unique, at most MAX_DIGEST_TIMES read; or the first bad word. */
export function parseDigestTimes(
  words: readonly string[],
): { ok: true; times: string[] } | { ok: false; word: string } {
  const times: string[] = [];
  for (const word of words.slice(0, MAX_DIGEST_TIMES)) {
    const time = parseTime(word);
    if (!time) return { ok: false, word };
    times.push(time);
  }
  return { ok: true, times: [...new Set(times)].sort() };
}

export function parseMode(word: string | undefined): 'instant' | 'digest' | null {
  const w = (word ?? '').toLowerCase();
  if (['instant', 'push', '即时', '即时推送'].includes(w)) return 'instant';
  if (['digest', 'digests', '摘要', '定时摘要'].includes(w)) return 'digest';
  return null;
}

/** An IANA zone as typed, or null. */
export function validZone(tz: string): string | null {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return null;
  try {
    // kept as typed: Intl would canonicalize America/Argentina/Buenos_Aires to an older alias
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}
