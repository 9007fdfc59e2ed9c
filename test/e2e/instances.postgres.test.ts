/**
 * Issue 13 end to end: three `kuaixun run` processes of one bot on one PostgreSQL database and
 * one Redis prefix, against the fake Bot API (Telegram's limits on) and a generated site.
 * INSTANCES_STORAGE=sqlite runs the same scenario on a SQLite file per instance (state not
 * shared), to check the harness itself: delivery assertions fail there by design.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  commandAll,
  coverage,
  outboxSummary,
  progressTo,
  readsPerTick,
  sendsTo,
  users,
} from '../support/fan-out-check.ts';
import { generatedSite } from '../support/generated-site.ts';
import { type Instance, type Instances, sleep, startInstances } from '../support/instances.ts';
import { command, privateChat, user } from '../support/updates.ts';

const READY = Boolean(process.env.TEST_POSTGRES_URL && process.env.TEST_REDIS_URL);
const STORAGE = process.env.INSTANCES_STORAGE === 'sqlite' ? 'sqlite' : 'postgres';
const TICK_MS = 3_000;
const CHATS = 300;
const POSTS = 3;
const DIGEST_CHATS = 30;
/** a send in flight when its sender dies is sent again by the next claimer: the bound per kill */
const DUPLICATES_PER_KILL = 16;

const groups: Instances[] = [];
afterAll(async () => {
  for (const g of groups) await g.cleanup();
}, 60_000);

/** three instances on one store, polling every TICK_MS, the generated site holding 5 posts */
async function threeInstances(env: Record<string, string> = {}) {
  const xs = await startInstances({
    storage: STORAGE,
    env: { POLL_CRON: `*/${TICK_MS / 1000} * * * * *`, USER_RATE_LIMIT: '1000', ...env },
  });
  groups.push(xs);
  const site = generatedSite(xs.site, 5);
  const started = Date.now();
  await Promise.all(['a', 'b', 'c'].map((n) => xs.start(n)));
  // the first poll archives what the site shows, silently; a tick later the archive is settled
  await sleep(2 * TICK_MS);
  // three instances starting together poll once at start between them, not once each
  const early = readsPerTick(xs.site.log, TICK_MS, started);
  expect(
    early.reduce((a, b) => a + b, 0),
    early.join(''),
  ).toBeLessThanOrEqual(early.length + 1);
  return { xs, site };
}

/** a private command from a new user, answered by whoever holds the receiver lease now */
async function answeredIn(xs: Instances, id: number): Promise<number> {
  const u = user(id);
  const t0 = Date.now();
  const mark = xs.fake.mark();
  xs.fake.injectUpdate(command(privateChat(u), u, 'help'));
  await xs.fake.waitForSent(u.id, (m) => m.method === 'sendMessage', { afterSeq: mark, timeoutMs: 30_000 });
  return Date.now() - t0;
}

describe.skipIf(!READY)('three instances of one bot (issue 13)', () => {
  it('kill -9 of two instances mid fan-out: nothing lost, few duplicates, no 429, one read per tick', async () => {
    const { xs, site } = await threeInstances();

    const people = users(CHATS, 600_000);
    const replies = await commandAll(xs.fake, people, 'subscribe', 'emnews', 60_000);
    const failed = replies.filter((r) => !/emnews|东财/.test(r.plainText ?? ''));
    expect(failed.map((r) => `${r.chatId}: ${r.plainText}`).slice(0, 5), xs.logs()).toEqual([]);

    const chats = new Set(people.map((u) => u.id));
    const mark = xs.fake.mark();
    const readsSince = Date.now() + TICK_MS;
    const posts = site.add(POSTS);
    const total = CHATS * POSTS;
    const pushed = () => sendsTo(xs.fake, chats, mark).length;
    const kills: Array<{ at: number; victim: string; reached: boolean; answerMs: number }> = [];
    let id = 690_000;
    for (const share of [0.4, 0.7]) {
      const reached = await progressTo(pushed, total * share, 30_000);
      const victim = xs.receiver() ?? xs.all.find((i) => i.alive());
      await xs.kill(victim as Instance);
      const at = pushed();
      // the receiver went with it: another instance takes the lease and answers
      kills.push({ at, victim: victim!.name, reached, answerMs: await answeredIn(xs, ++id) });
    }
    const lostNow = () => coverage(sendsTo(xs.fake, chats, mark), [...chats], posts).lost.length;
    await progressTo(() => total - lostNow(), total, 60_000);
    // late copies of what the dead sent would land now
    await sleep(2 * TICK_MS);

    const got = coverage(sendsTo(xs.fake, chats, mark), [...chats], posts);
    const ticks = readsPerTick(xs.site.log, TICK_MS, readsSince);
    const report = {
      storage: STORAGE,
      kills,
      pushes: got.messages,
      lost: got.lost.length,
      duplicates: got.duplicates,
      retryAfters: xs.fake.retryAfters().length,
      outbox: await outboxSummary(xs.db?.url),
      readsPerTick: ticks.join(''),
    };
    console.log('instances fan-out:', JSON.stringify(report));
    const why = `${JSON.stringify(report)}\n${xs.logs(15)}`;
    expect(got.lost.slice(0, 20), why).toEqual([]);
    expect(got.duplicates, `${got.duplicated.slice(0, 20).join(', ')}\n${why}`).toBeLessThanOrEqual(
      2 * DUPLICATES_PER_KILL,
    );
    expect(xs.fake.retryAfters(), why).toEqual([]);
    for (const k of kills) expect(k.answerMs, why).toBeLessThan(30_000);
    // one poll per tick across the group, not one per instance; most ticks do read
    expect(Math.max(...ticks), why).toBeLessThanOrEqual(1);
    expect(ticks.filter((n) => n === 1).length, why).toBeGreaterThan(ticks.length / 2);
  }, 240_000);

  it('digests due the same minute on three instances go out once per chat', async () => {
    // every 5 s: twelve digest ticks in the due minute, each run by whichever instance leases it
    const { xs, site } = await threeInstances({ DIGEST_CRON: '*/5 * * * * *' });
    const people = users(DIGEST_CHATS, 620_000);
    const chats = new Set(people.map((u) => u.id));
    // the first whole minute at least 15 s away, in the bot's zone (TZ, Asia/Shanghai by default)
    const due = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
    const hm = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(due);
    await commandAll(xs.fake, people, 'subscribe', 'emnews', 30_000);
    const set = await commandAll(xs.fake, people, 'digest', hm, 30_000);
    expect(set.filter((m) => !m.plainText?.includes(hm)).map((m) => m.plainText)).toEqual([]);
    const mark = xs.fake.mark();
    const posts = site.add(3);
    await sleep(due - Date.now());
    const early = sendsTo(xs.fake, chats, mark).length;
    // the due minute and some of the next: every tick of the minute found the slot taken
    await sleep(40_000);
    const sent = sendsTo(xs.fake, chats, mark);
    const got = coverage(sent, [...chats], posts);
    const perChat = [...chats].map((c) => sent.filter((m) => m.chatId === c).length);
    const report = {
      storage: STORAGE,
      due: hm,
      early,
      messages: sent.length,
      lost: got.lost.length,
      duplicates: got.duplicates,
      perChat: [...new Set(perChat)],
    };
    console.log('instances digest:', JSON.stringify(report));
    const why = `${JSON.stringify(report)}\n${xs.logs(15)}`;
    expect(early, why).toBe(0);
    expect(got.lost.slice(0, 20), why).toEqual([]);
    expect(
      perChat.filter((n) => n !== 1),
      why,
    ).toEqual([]);
    expect(
      sent.every((m) => m.plainText?.includes('快讯摘要')),
      why,
    ).toBe(true);
  }, 200_000);
});
