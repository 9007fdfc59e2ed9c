import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../support/e2e-world.ts';
import { command, forumChat, inTopic, user } from '../support/updates.ts';

const sh = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const alice = user(7101, { languageCode: 'zh-hans' });
const forum = forumChat(-1001234567890, 'Markets');

let w: World;
afterEach(async () => {
  await w?.close();
});

/** a command by alice in a topic (undefined: the General topic) */
const say = async (thread: number | undefined, name: string, args = '') => {
  const update = command(forum, alice, name, args);
  const sent = await w.send(thread === undefined ? update : inTopic(update, thread));
  return sent;
};
const text = (sent: { plainText?: string }[]) => sent.map((s) => s.plainText ?? '').join('\n');
/** what the forum shows in one thread (undefined: outside every topic) */
const inThread = (thread: number | undefined) =>
  w.fake
    .messages(forum.id)
    .filter((m) => m.threadId === thread)
    .map((m) => m.plainText ?? '');

async function start() {
  w = await startWorld({ start: sh('2026-10-12', '10:00') });
  w.fake.addChat({
    id: forum.id,
    type: 'supergroup',
    title: forum.title,
    isForum: true,
    admins: [{ userId: alice.id, status: 'creator' }],
  });
}

describe('forum topics', () => {
  it('each topic subscribes, lists and receives on its own; a deleted one pauses alone', {
    timeout: 60_000,
  }, async () => {
    await start();
    const subA = await say(11, 'sub', 'emnews');
    expect(subA.every((s) => s.threadId === 11)).toBe(true);
    expect(text(subA)).toContain('东财滚动');
    await say(22, 'sub', 'cls');

    const listA = await say(11, 'list');
    expect(listA.every((s) => s.threadId === 11)).toBe(true);
    expect(text(listA)).toContain('东财滚动');
    expect(text(listA)).not.toContain('财联社电报');
    const listB = await say(22, 'list');
    expect(text(listB)).toContain('财联社电报');
    expect(text(listB)).not.toContain('东财滚动');
    // the group itself (General topic) subscribed to nothing
    const general = await say(undefined, 'list');
    expect(general.every((s) => s.threadId === undefined)).toBe(true);
    expect(text(general)).not.toMatch(/东财滚动|财联社电报/);

    await w.publish([
      {
        category: 'emnews',
        title: '东财快讯一央行公开市场操作净投放',
        paragraphs: ['央行公开市场操作净投放。'],
      },
      { category: 'cls', title: '财联社快讯一沪指收涨一个百分点', paragraphs: ['沪指收涨一个百分点。'] },
    ]);
    await w.settle();
    expect(inThread(11).filter((t) => t.includes('快讯'))).toEqual([expect.stringContaining('东财快讯一')]);
    expect(inThread(22).filter((t) => t.includes('快讯'))).toEqual([expect.stringContaining('财联社快讯一')]);
    expect(inThread(undefined).some((t) => t.includes('快讯'))).toBe(false);

    // /unsub in a topic touches that topic only
    await say(22, 'sub', 'sichuanribao');
    expect(text(await say(22, 'unsub', 'sichuanribao'))).toContain('四川日报');
    expect(text(await say(22, 'list'))).not.toContain('四川日报');
    expect(text(await say(11, 'list'))).toContain('东财滚动');

    w.fake.deleteTopic(forum.id, 11);
    await w.publish([
      {
        category: 'emnews',
        title: '东财快讯二证监会发布新规征求意见',
        paragraphs: ['证监会发布新规征求意见。'],
      },
      { category: 'cls', title: '财联社快讯二人民币汇率中间价上调', paragraphs: ['人民币汇率中间价上调。'] },
    ]);
    await w.settle();
    expect(w.fake.rejected({ chatId: forum.id }).map((c) => c.description)).toEqual([
      'Bad Request: message thread not found',
    ]);
    const topicA = await w.deps.chats.get(await w.deps.chats.topicId(forum.id, 11));
    expect(topicA?.active).toBe(false);
    expect(topicA?.topic).toEqual({ chatId: forum.id, threadId: 11, paused: true });
    expect(Object.keys(topicA?.subscriptions ?? {})).toEqual(['emnews']);
    expect((await w.deps.metrics.topicsPaused.get()).values[0]?.value).toBe(1);
    expect((await w.deps.chats.get(forum.id))?.active).toBe(true);

    // the other topic goes on; the paused one is not tried again
    await w.publish([
      { category: 'emnews', title: '东财快讯三统计局公布工业增加值', paragraphs: ['统计局公布工业增加值。'] },
      { category: 'cls', title: '财联社快讯三原油期货夜盘大幅下跌', paragraphs: ['原油期货夜盘大幅下跌。'] },
    ]);
    await w.settle();
    expect(inThread(22).filter((t) => t.includes('快讯'))).toHaveLength(3);
    expect(inThread(11).filter((t) => t.includes('快讯'))).toHaveLength(1);
    expect(w.fake.rejected({ chatId: forum.id })).toHaveLength(1);
  });

  it('a digest-mode topic gets its digest in its thread', { timeout: 60_000 }, async () => {
    await start();
    await say(33, 'sub', 'emnews');
    expect(text(await say(33, 'mode', 'digest'))).toContain('摘要');
    await w.publish([{ category: 'emnews', title: '东财摘要稿' }]);
    await w.settle();
    expect(inThread(33).some((t) => t.includes('东财摘要稿'))).toBe(false);

    const id = await w.deps.chats.topicId(forum.id, 33);
    expect(await w.deps.delivery.runDigests(w.now(), { chatId: id })).toBe(1);
    await w.settle();
    expect(inThread(33).some((t) => t.includes('东财摘要稿'))).toBe(true);
    expect((await w.deps.chats.get(forum.id))?.mode).not.toBe('digest');
  });
});
