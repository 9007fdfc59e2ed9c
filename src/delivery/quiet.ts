import type { Chat } from '../chats/types.ts';
import { localTime } from '../time.ts';
import { normalizeHm } from './digest-time.ts';

/** `23:00-07:00`, `23-7`, `23:00～07:00` → `23:00-07:00`; null when it is not a range of two times. */
export function parseQuiet(text: string): string | null {
  const parts = text
    .normalize('NFKC')
    .replace(/[~至到]/g, '-')
    .split('-')
    .map((p) => p.trim());
  if (parts.length !== 2) return null;
  const [from, to] = parts.map((p) => normalizeHm(/^\d{1,2}$/.test(p) ? `${p}:00` : p));
  if (!from || !to || from === to) return null;
  return `${from}-${to}`;
}

const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * When the chat's quiet hours end (epoch ms, on a minute), or null when it is not quiet at
 * `now`. The range is in the chat's zone and may cross midnight (23:00-07:00).
 */
export function quietUntil(chat: Pick<Chat, 'quiet' | 'tz'>, now: number): number | null {
  const range = chat.quiet ? parseQuiet(chat.quiet) : null;
  if (!range) return null;
  const from = minutes(range.slice(0, 5));
  const to = minutes(range.slice(6, 11));
  const m = minutes(localTime(now, chat.tz).hm);
  const inside = from < to ? m >= from && m < to : m >= from || m < to;
  if (!inside) return null;
  // zones are whole minutes off UTC, so the local minute starts where the UTC one does
  return Math.floor(now / 60_000) * 60_000 + ((to - m + 1440) % 1440) * 60_000;
}
