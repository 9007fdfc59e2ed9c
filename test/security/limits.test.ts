import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCleanOutput, buttons, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import {
  anonymousAdminMessage,
  callbackQuery,
  channelChat,
  command,
  groupChat,
  privateChat,
  user,
} from '../support/updates.ts';

/**
 * Issue 7, security: the per-chat subscription cap (MAX_SUBSCRIPTIONS) and the per-user
 * command rate limit (USER_RATE_LIMIT) hold, both set from the environment.
 */
let h: Harness;
let clock = Date.parse('2026-11-29T00:00:00Z');
const admin = user(8501);
const group = groupChat(-8501);
const channel = channelChat(-1008502, 'Capped', 'kx_cap_channel');
const EXTRA = ['extraone', 'extratwo', 'extrathree', 'extrafour', 'extrafive', 'extrasix'];

beforeAll(async () => {
  h = await startHarness({ env: { MAX_SUBSCRIPTIONS: '3', USER_RATE_LIMIT: '5' }, now: () => clock });
  for (const slug of EXTRA)
    h.deps.registry.observe({ slug, source: slug, tag: '', newPosts: 1, seenAt: clock });
  h.fake.addChat({ id: group.id, type: 'group', admins: [{ userId: admin.id }] });
  h.fake.addChat({
    id: channel.id,
    type: 'channel',
    username: 'kx_cap_channel',
    admins: [{ userId: admin.id }],
  });
});
afterAll(async () => {
  if (h) assertCleanOutput(h.fake);
  await h?.close();
});

/** a fresh minute: every user's bucket is full again */
const nextMinute = () => {
  clock += 61_000;
};
const subsOf = async (id: number) => Object.keys((await h.deps.chats.get(id))?.subscriptions ?? {}).sort();

describe('subscription cap (MAX_SUBSCRIPTIONS=3)', () => {
  it('holds for one command with many names, in private, groups and channels', async () => {
    const u = user(8511);
    const chats: Array<[number, () => ReturnType<typeof command>]> = [
      [u.id, () => command(privateChat(u), u, 'sub', EXTRA.join(' '))],
      [group.id, () => command(group, admin, 'sub', EXTRA.join(' '))],
      [channel.id, () => command(privateChat(admin), admin, 'sub', `@kx_cap_channel ${EXTRA.join(' ')}`)],
    ];
    for (const [id, update] of chats) {
      nextMinute();
      const reply = texts(await h.send(update())).join('\n');
      expect(await subsOf(id)).toHaveLength(3);
      expect(reply).toMatch(/3/);
      nextMinute();
      await h.send(update());
      expect(await subsOf(id)).toHaveLength(3);
    }
  });

  it('holds against commands and buttons of many admins racing in one batch', async () => {
    const race = groupChat(-8503);
    const admins = Array.from({ length: 12 }, (_, i) => user(8530 + i));
    h.fake.addChat({ id: race.id, type: 'group', admins: admins.map((a) => ({ userId: a.id })) });
    nextMinute();
    const [first, ...others] = admins as [ReturnType<typeof user>, ...ReturnType<typeof user>[]];
    const shown = (await h.send(command(race, first, 'categories'))).find((m) => buttons(m).length > 3);
    const taps = buttons(shown).filter((b) => b.data.startsWith('cat:'));
    expect(taps.length).toBeGreaterThan(3);
    // injected together: telegraf hands one getUpdates batch to the handlers concurrently;
    // one update per admin, so no one meets the rate limit
    for (const [i, slug] of EXTRA.slice(0, 5).entries()) {
      h.fake.injectUpdate(command(race, others[i] ?? first, 'sub', slug));
    }
    for (const [i, b] of taps.slice(0, 6).entries()) {
      h.fake.injectUpdate(
        callbackQuery(race, others[5 + i] ?? first, b.data, { messageId: shown?.messageId }),
      );
    }
    await h.send(command(race, first, 'list'));
    expect(await subsOf(race.id)).toHaveLength(3);
    expect(h.fake.unansweredCallbackQueries()).toEqual([]);
  });

  it('a full chat can make room and subscribe again', async () => {
    const u = user(8513);
    nextMinute();
    await h.send(command(privateChat(u), u, 'sub', 'extraone extratwo extrathree'));
    await h.send(command(privateChat(u), u, 'unsub', 'extraone'));
    await h.send(command(privateChat(u), u, 'sub', 'extrafour extrafive'));
    expect(await subsOf(u.id)).toEqual(['extrafour', 'extrathree', 'extratwo']);
  });
});

describe('per-user rate limit (USER_RATE_LIMIT=5 a minute)', () => {
  it('one polite "slow down", then silence; other users unaffected; the minute after, normal', async () => {
    const fast = user(8521, { languageCode: 'en' });
    const calm = user(8522);
    nextMinute();
    const replies: string[][] = [];
    for (let i = 0; i < 9; i++) replies.push(texts(await h.send(command(privateChat(fast), fast, 'help'))));
    expect(replies.slice(0, 5).every((r) => r.length === 1)).toBe(true);
    expect(replies[5]?.join('')).toMatch(/slow down/i);
    expect(replies.slice(6).flat()).toEqual([]);
    expect(texts(await h.send(command(privateChat(calm), calm, 'help')))).toHaveLength(1);
    nextMinute();
    expect(texts(await h.send(command(privateChat(fast), fast, 'help')))).toHaveLength(1);
  });

  it("anonymous admins of different groups don't share one limit (they all write as GroupAnonymousBot)", async () => {
    const busy = groupChat(-8561);
    const quiet = groupChat(-8562);
    nextMinute();
    for (let i = 0; i < 7; i++) await h.send(anonymousAdminMessage(busy, '/help'));
    const reply = texts(await h.send(anonymousAdminMessage(quiet, '/sub extraone')));
    expect(reply.join('\n')).not.toMatch(/慢一点|slow down/i);
    expect(await subsOf(quiet.id)).toEqual(['extraone']);
  });

  it('a throttled user changes nothing, in any chat, and taps are still answered', async () => {
    nextMinute();
    for (let i = 0; i < 5; i++) await h.send(command(group, admin, 'help'));
    const before = await subsOf(group.id);
    await h.send(command(group, admin, 'unsub', 'all'));
    await h.send(command(privateChat(admin), admin, 'sub', 'extrasix'));
    await h.send(callbackQuery(group, admin, 'junk', { messageId: 1 }));
    expect(await subsOf(group.id)).toEqual(before);
    expect(await subsOf(admin.id)).toEqual([]);
    expect(h.fake.unansweredCallbackQueries()).toEqual([]);
  });
});
