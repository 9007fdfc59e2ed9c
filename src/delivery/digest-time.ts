import type { Chat } from '../chats/types.ts';
import { localTime } from '../time.ts';

/** The local date and minute of `now` in a zone: { date: 'YYYY-MM-DD', hm: 'HH:MM' }. */
export function localMinute(now: number, tz: string): { date: string; hm: string } {
  const { date, hm } = localTime(now, tz);
  return { date, hm };
}

/** `7:30` → `07:30`; anything that is not a time of day → null */
export function normalizeHm(t: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(t.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * The digest slot (`YYYY-MM-DDTHH:MM`, chat's zone) due at `now`, or null. A slot is the latest
 * digest time of today that has passed, not yet taken (chat.lastDigestSlot) and at most
 * `graceMin` minutes old, so a missed cron tick or a short restart still delivers it, but a
 * chat that switches to digest mode at noon does not get the 08:00 one. A `trading` chat has no
 * slot on a day the A-share market is shut.
 */
export function dueSlot(
  chat: Pick<Chat, 'digestTimes' | 'tz' | 'lastDigestSlot' | 'digestTrading'>,
  now: number,
  graceMin = 59,
  isTradingDay?: (date: string) => boolean,
) {
  const { date, hm } = localMinute(now, chat.tz);
  // the exchanges' calendar is Shanghai's, whatever the chat's zone
  if (chat.digestTrading && isTradingDay && !isTradingDay(localMinute(now, 'Asia/Shanghai').date))
    return null;
  const passed = chat.digestTimes
    .map(normalizeHm)
    .filter((t): t is string => t !== null && t <= hm)
    .sort();
  const t = passed.at(-1);
  if (!t || minutes(hm) - minutes(t) > graceMin) return null;
  const slot = `${date}T${t}`;
  return slot > chat.lastDigestSlot ? slot : null;
}
