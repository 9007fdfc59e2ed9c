/**
 * What the instance tests check at the fake Bot API and the site server: subscriptions made
 * through commands, which chat got which story (lost, duplicated), how often the site was read
 * per poll tick.
 */
import type { User } from 'telegraf/types';
import type { FakeTelegram, SentMessage } from './fake-telegram/index.ts';
import type { GenPost } from './generated-site.ts';
import type { LoggedRequest } from './site-server.ts';
import { command, privateChat, user } from './updates.ts';

export const users = (n: number, from: number): User[] =>
  Array.from({ length: n }, (_, i) => user(from + i, { languageCode: 'zh-hans' }));

/**
 * Sends `/name args` from every user as updates for whoever polls, all at once (a burst as a
 * channel post about the bot would bring), and waits until each chat got its answer.
 */
export async function commandAll(
  fake: FakeTelegram,
  who: readonly User[],
  name: string,
  args: string,
  timeoutMs: number,
): Promise<SentMessage[]> {
  const mark = fake.mark();
  for (const u of who) fake.injectUpdate(command(privateChat(u), u, name, args));
  return Promise.all(
    who.map((u) => fake.waitForSent(u.id, (m) => m.method === 'sendMessage', { afterSeq: mark, timeoutMs })),
  );
}

/** sendMessage calls accepted for these chats after `afterSeq` */
export const sendsTo = (fake: FakeTelegram, chats: ReadonlySet<number>, afterSeq: number) =>
  fake.messages().filter((m) => m.seq > afterSeq && m.method === 'sendMessage' && chats.has(m.chatId ?? 0));

export interface Coverage {
  /** chat × story pairs that never arrived, as `chat post-code` */
  lost: string[];
  /** copies beyond the first of a story in a chat, summed */
  duplicates: number;
  /** the duplicated pairs with their count, for the failure message */
  duplicated: string[];
  messages: number;
}

/** Which chat got which post, read from the links of what was sent (a rollup links several). */
export function coverage(
  sent: readonly SentMessage[],
  chats: readonly number[],
  posts: readonly GenPost[],
): Coverage {
  const count = new Map<string, number>();
  for (const m of sent) {
    for (const e of m.entities) {
      if (e.type !== 'text_link' || !e.url) continue;
      const p = posts.find((x) => e.url!.includes(x.code));
      if (p) count.set(`${m.chatId} ${p.code}`, (count.get(`${m.chatId} ${p.code}`) ?? 0) + 1);
    }
  }
  const lost: string[] = [];
  const duplicated: string[] = [];
  let duplicates = 0;
  for (const c of chats) {
    for (const p of posts) {
      const n = count.get(`${c} ${p.code}`) ?? 0;
      if (n === 0) lost.push(`${c} ${p.code}`);
      if (n > 1) {
        duplicates += n - 1;
        duplicated.push(`${c} ${p.code} ×${n}`);
      }
    }
  }
  return { lost, duplicates, duplicated, messages: sent.length };
}

/**
 * Home-page reads per cron slot of `periodMs` (the poll reads `/` first on every tick, so one
 * request per slot means one read), from `since` on. Cron slots start on whole multiples of the
 * period since the epoch when the period divides a minute.
 */
export function readsPerTick(log: readonly LoggedRequest[], periodMs: number, since: number): number[] {
  const slots = new Map<number, number>();
  for (const r of log) {
    if (r.at < since || r.path !== '/index.html') continue;
    const slot = Math.floor(r.at / periodMs);
    slots.set(slot, (slots.get(slot) ?? 0) + 1);
  }
  const first = Math.floor(since / periodMs);
  const last = Math.floor(Date.now() / periodMs);
  return Array.from({ length: last - first }, (_, i) => slots.get(first + i) ?? 0);
}

/** Resolves when `probe` is true, checking every 20 ms (kill points must not overshoot much). */
export async function waitFor(probe: () => boolean, what: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!probe()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

/**
 * Waits until `count()` reaches `target`; false when it stopped moving for `stallMs` (state
 * that is not shared stalls a fan-out for good: the report then says where, and the test goes on).
 */
export async function progressTo(count: () => number, target: number, stallMs: number): Promise<boolean> {
  let last = count();
  let movedAt = Date.now();
  for (;;) {
    const n = count();
    if (n >= target) return true;
    if (n !== last) {
      last = n;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The shared outbox by status and claimant, for a failure message: a row a killed instance
 * left 'sending' comes back only when its lease lapses, which tells "late" from "lost".
 */
export async function outboxSummary(url: string | undefined): Promise<string> {
  if (!url) return 'no shared outbox (SQLite)';
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query(
      `SELECT status, claimed_by, count(*)::int AS n,
              min(lease_until) - (extract(epoch FROM now()) * 1000)::bigint AS lease_left_ms
         FROM outbox GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return JSON.stringify(r.rows);
  } catch (err) {
    return `outbox unreadable: ${(err as Error).message}`;
  } finally {
    await c.end().catch(() => {});
  }
}
