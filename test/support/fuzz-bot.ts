import type { Update } from 'telegraf/types';
import { expect } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import type { Chat } from '../../src/chats/types.ts';
import { made } from '../search/corpus.ts';
import { assertCleanOutput, type Harness, OPERATOR_ID, startHarness } from './bot-harness.ts';
import type { SentMessage } from './fake-telegram/index.ts';
import {
  anonymousAdminMessage,
  channelChat,
  command,
  groupChat,
  privateChat,
  supergroupChat,
  user,
} from './updates.ts';

/** The cast every fuzz property plays with: private users, group admins and members, a channel. */
/**
 * fast-check options for `runs` cases; FUZZ_RUNS overrides the count and FUZZ_SEED shifts every
 * seed for an exploratory run, while the committed seeds replay exactly.
 */
export const fuzzOptions = (runs: number) => (seed: number) => ({
  numRuns: Number(process.env.FUZZ_RUNS ?? runs),
  seed: seed + Number(process.env.FUZZ_SEED ?? 0),
  endOnFailure: true,
});

export const cast = {
  alice: user(7101, { languageCode: 'en' }),
  bob: user(7102),
  admin: user(7103, { firstName: 'Admin <b>' }),
  member: user(7104, { firstName: 'Member &amp;' }),
  operator: user(OPERATOR_ID),
  group: groupChat(-7101, 'Group <i>&'),
  supergroup: supergroupChat(-1007102, 'Super ‮evil'),
  channel: channelChat(-1007103, 'Channel', 'kx_fuzz_channel'),
};

const HOSTILE_TITLES = [
  '<b>四川</b> & </a> &amp 保费',
  '\u202e保费 RTL \u200f‍ 👨‍👩‍👧',
  `${'长标题'.repeat(700)} 四川`,
  '*_[]()~` markdown 四川 \u0000\u0007',
];

export interface FuzzBot {
  h: Harness;
  /** unhandled rejections seen since start */
  rejections: unknown[];
  send(update: Update): Promise<SentMessage[]>;
  /** the stored record of a chat, deep-copied, for before/after comparisons */
  snapshot(chatId: number): Promise<Chat | undefined>;
  /** every stored chat, by id */
  snapshotAll(): Promise<Map<number, Chat | undefined>>;
  /** the bot still answers /help in private: it has not crashed or wedged */
  canary(): Promise<void>;
  /**
   * HTML validity, length, callback data and answered queries; no crash, no rejection; and no
   * update failed, unless `countedErrorsOk` (then each failure must be logged and counted).
   */
  assertHealthy(opts?: { countedErrorsOk?: boolean }): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real bot on the harness with a clock that moves a few seconds per update, so the
 * per-user rate limit never turns thousands of fuzz cases into "slow down" replies.
 */
export async function startFuzzBot(env: Record<string, string> = {}): Promise<FuzzBot> {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  let skew = 0;
  const h = await startHarness({ env, now: () => Date.now() + skew });
  const { admin, member, group, supergroup, channel } = cast;
  h.fake.addChat({
    id: group.id,
    type: 'group',
    title: group.title,
    admins: [{ userId: admin.id }],
    members: [member.id],
  });
  h.fake.addChat({
    id: supergroup.id,
    type: 'supergroup',
    title: supergroup.title,
    admins: [{ userId: admin.id }],
    members: [member.id],
  });
  h.fake.addChat({
    id: channel.id,
    type: 'channel',
    title: channel.title,
    username: 'kx_fuzz_channel',
    admins: [{ userId: admin.id }],
  });

  // the served snapshot through the real reader, plus articles whose text is itself hostile
  await poll(h.deps);
  for (const [i, title] of [...HOSTILE_TITLES, ...HOSTILE_TITLES].entries()) {
    const made_ = made(
      title,
      [title.repeat(3), '<a href="javascript:alert(1)">x</a> &#x0; *_[]()~`'.repeat(200)],
      {
        at: h.deps.now() - (i + 1) * 60_000,
        category: i % 2 ? 'emnews' : `${'长类'.repeat(50)}<b>`,
      },
    );
    // every other one from a source whose name alone would fill a message
    const a = i % 2 ? made_ : { ...made_, source: `来源<i>${'很长'.repeat(2_500)}😀` };
    h.t.sqlite.search.add(h.t.sqlite.articles.insert(a, title, a.fetchedAt).article);
  }

  // categories as a hostile site could name them (the poller learns slugs from URLs)
  const hostile: Array<[string, string]> = [
    ['x<b>&amp;y', `<a href="x">${'来源'.repeat(600)}`],
    ['z'.repeat(120), '&#x0;'],
    ['~abc', '~abc'],
    ['sub:x.AAAAAAAA', '<b>'],
    ['四川 <i>', '四川 <i>'],
    ['emojiname', `a${'😀'.repeat(150)}`],
  ];
  for (const [slug, source] of hostile) {
    h.deps.registry.observe({ slug, source, tag: '&#x0;', newPosts: 90, seenAt: h.deps.now() });
  }

  const send = (update: Update) => {
    skew += 5_000;
    return h.send(update);
  };
  // every chat starts with a record and a subscription, so "unchanged" compares real state
  await send(command(group, admin, 'sub', 'sichuanribao'));
  await send(command(supergroup, admin, 'sub', 'emnews'));
  await send(anonymousAdminMessage(group, '/mode digest'));
  await send(command(privateChat(admin), admin, 'sub', '@kx_fuzz_channel sichuanribao'));
  for (const id of [group.id, supergroup.id, channel.id]) {
    expect(Object.keys((await h.deps.chats.get(id))?.subscriptions ?? {})).toHaveLength(1);
  }

  const snapshot = async (chatId: number) => structuredClone(await h.deps.chats.get(chatId));
  return {
    h,
    rejections,
    send,
    snapshot,
    async snapshotAll() {
      const out = new Map<number, Chat | undefined>();
      for (const id of (await h.deps.chats.allIds()).sort()) out.set(id, await snapshot(id));
      return out;
    },
    async canary() {
      const sent = await send(command(privateChat(cast.bob), cast.bob, 'help'));
      expect(sent.some((m) => m.method === 'sendMessage' && m.chatId === cast.bob.id)).toBe(true);
    },
    async assertHealthy(o = {}) {
      expect(rejections).toEqual([]);
      expect(h.fake.rejected({ reason: 'validation' })).toEqual([]);
      assertCleanOutput(h.fake);
      const failed = h.t.logs.filter((l) => l.msg === 'update failed');
      const counted = (await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0;
      if (!o.countedErrorsOk) expect(failed.map((l) => JSON.stringify(l).slice(0, 400))).toEqual([]);
      expect(counted).toBe(failed.length);
      return counted;
    },
    async close() {
      process.off('unhandledRejection', onRejection);
      await h.close();
    },
  };
}
