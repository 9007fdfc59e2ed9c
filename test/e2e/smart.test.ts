import { afterEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import { until } from '../support/app-harness.ts';
import { buttons } from '../support/bot-harness.ts';
import { startWorld, type World } from '../support/e2e-world.ts';
import { callbackQuery, command, privateChat, user } from '../support/updates.ts';

const sh = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const alice = user(7001, { languageCode: 'zh-hans' });
const bob = user(7002, { languageCode: 'zh-hans' });
const cmd = (who: typeof alice, name: string, args = '') => command(privateChat(who), who, name, args);
const reply = async (who: typeof alice, name: string, args = '') =>
  (await w.send(cmd(who, name, args))).map((s) => s.plainText ?? '').join('\n');

let w: World;
afterEach(async () => {
  await w?.close();
});

const texts = (who: typeof alice) => w.fake.messages(who.id).map((m) => m.plainText ?? '');
/** publishes, waits for the outbox, returns what `who` got meanwhile */
const publish = async (who: typeof alice, items: Parameters<World['publish']>[0]) => {
  const before = texts(who).length;
  const stored = await w.publish(items);
  await w.settle();
  return { stored, got: texts(who).slice(before), all: w.fake.messages(who.id).slice(before) };
};
const titles = (got: string[], stored: StoredArticle[]) =>
  stored.filter((a) => got.some((g) => g.includes(a.title))).map((a) => a.title);

describe('watchlists', () => {
  it('a watched term brings posts from sources the chat never subscribed to, marked 🔔', {
    timeout: 60_000,
  }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00') });
    expect(await reply(alice, 'watch')).toContain('还没有关注词');
    const added = await reply(alice, 'watch', '600519 降准 降准');
    expect(added).toContain('已关注：600519、降准');
    await reply(alice, 'sub', 'emnews');

    const a = await publish(alice, [
      { category: 'cls', title: '貴州茅台發布三季報' },
      { category: 'cls', title: '代码16005190的债券上市' },
      { category: 'sichuanribao', title: '四川新闻', paragraphs: ['人民银行宣布降准0.5个百分点。'] },
      { category: 'emnews', title: '央行：降准落地' },
      { category: 'cls', title: '与关注无关' },
    ]);
    // the code's company in Traditional script, the term in a body, the subscribed source once
    expect(titles(a.got, a.stored)).toEqual(['貴州茅台發布三季報', '四川新闻', '央行：降准落地']);
    expect(a.got).toHaveLength(3);
    const mark = a.all.find((m) => m.plainText?.includes('貴州茅台'));
    expect(mark?.plainText).toMatch(/^🔔 600519/);
    expect(mark?.entities.some((e) => e.type === 'bold' && e.length === 6)).toBe(true);
    expect(a.all.find((m) => m.plainText?.includes('央行'))?.plainText).toMatch(/^🔔 降准/);

    expect(await reply(alice, 'watch')).toContain('🔔 关注词：600519、降准');
    expect(await reply(alice, 'unwatch', 'all')).toContain('已取消关注：600519、降准');
    const b = await publish(alice, [{ category: 'cls', title: '贵州茅台再发公告' }]);
    expect(b.got).toEqual([]);
  });

  it('caps a chat at WATCH_MAX_PER_CHAT terms', { timeout: 30_000 }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00'), env: { WATCH_MAX_PER_CHAT: '2' } });
    const r = await reply(alice, 'watch', '甲 乙 丙');
    expect(r).toContain('已关注：甲、乙');
    expect(r).toContain('最多 2 个关注词');
    expect(await w.deps.watchlists.list(alice.id)).toEqual(['甲', '乙']);
  });
});

describe('filters', () => {
  const batch = [
    { category: 'emnews', title: '央行宣布降准' },
    { category: 'emnews', title: '降息广告' },
    { category: 'emnews', title: '股市收盘' },
    { category: 'emnews', title: '美联储降息落地' },
  ];

  it('apply to instant pushes and to digests; /list shows them; off removes them', {
    timeout: 60_000,
  }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00') });
    for (const who of [alice, bob]) {
      await reply(who, 'sub', 'emnews');
      expect(await reply(who, 'filter', '东财滚动 +降准 +降息 -广告')).toContain('+降准 +降息 -广告');
    }
    await reply(bob, 'mode', 'digest');
    expect(await reply(alice, 'list')).toContain('过滤：+降准 +降息 -广告');
    expect(await reply(alice, 'filter', 'sichuanribao +x')).toContain('还没有订阅');

    const a = await publish(alice, batch);
    expect(titles(a.got, a.stored)).toEqual(['央行宣布降准', '美联储降息落地']);
    const before = texts(bob).length;
    expect(await w.deps.delivery.runDigests(w.now(), { chatId: bob.id })).toBe(1);
    await w.settle();
    const digest = texts(bob).slice(before).join('\n');
    expect(titles([digest], a.stored)).toEqual(['央行宣布降准', '美联储降息落地']);

    expect(await reply(alice, 'filter', 'emnews off')).toContain('已取消');
    // other stories: the same titles again would be copies of the first batch (edits, not pushes)
    const b = await publish(
      alice,
      ['地产政策新动向', '新能源车销量创新高', '黄金价格走高', '原油库存下降'].map((title) => ({
        category: 'emnews',
        title,
      })),
    );
    expect(b.got).toHaveLength(4);
  });
});

describe('urgent break-through', () => {
  it('reaches a digest-mode chat at once, and in quiet hours, unless turned off', {
    timeout: 60_000,
  }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00') });
    await reply(alice, 'sub', 'emnews');
    await reply(alice, 'mode', 'digest');
    const a = await publish(alice, [
      { category: 'emnews', title: '普通消息' },
      { category: 'emnews', title: '国务院重要会议', urgent: true },
    ]);
    expect(a.got).toHaveLength(1);
    expect(a.got[0]).toMatch(/^🔴 国务院重要会议/);

    await reply(alice, 'quiet', '23:00-07:00');
    w.setTime(sh('2026-10-12', '23:30'));
    const b = await publish(alice, [{ category: 'emnews', title: '深夜快讯', urgent: true }]);
    expect(b.got.map((t) => t.slice(0, 7))).toEqual(['🔴 深夜快讯']);

    const settings = (await w.send(cmd(alice, 'settings'))).find((s) => s.method === 'sendMessage');
    expect(settings?.plainText).toContain('免打扰：23:00-07:00');
    const toggle = buttons(settings).find((x) => x.text.includes('紧急穿透：开'));
    await w.send(
      callbackQuery(privateChat(alice), alice, toggle?.data ?? '', { messageId: settings?.messageId }),
    );
    expect((await w.deps.chats.get(alice.id))?.breakThrough).toBe(false);
    const c = await publish(alice, [{ category: 'emnews', title: '又一条快讯', urgent: true }]);
    expect(c.got).toEqual([]);
    await until(async () => (await w.deps.chats.get(alice.id))?.breakThrough === false, 'saved');
  });
});

describe('one story once across sources', () => {
  const story = (source: string, title: string) => ({
    category: source,
    source,
    title,
    paragraphs: ['国家统计局今日公布，10月份全国居民消费价格同比上涨0.3%，环比下降0.1%，市场预期上涨0.2%。'],
  });

  it('three wires with one story: one push, then one edit naming the others', {
    timeout: 60_000,
  }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00') });
    for (const s of ['emnews', 'sichuanribao', 'cls']) await reply(alice, 'sub', s);
    const a = await publish(alice, [story('emnews', '10月CPI同比上涨0.3%')]);
    expect(a.got).toHaveLength(1);
    const first = a.all[0]!;
    const b = await publish(alice, [
      story('cls', '统计局：10月CPI同比上涨0.3%'),
      story('sichuanribao', '10月份CPI同比涨0.3%'),
    ]);
    expect(b.got).toEqual([]);
    const edits = w.fake.sent(alice.id).filter((m) => m.method === 'editMessageText');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.messageId).toBe(first.messageId);
    expect(edits[0]?.plainText).toContain('10月CPI同比上涨0.3%');
    expect(edits[0]?.plainText).toMatch(/另见：(cls、sichuanribao|sichuanribao、cls)/);
    const shown = w.fake.chatMessages(alice.id).find((m) => m.message.message_id === first.messageId);
    expect(shown?.text).toContain('另见');
    // a different story on the same template is not a copy
    const c = await publish(alice, [story('cls', '9月CPI同比上涨0.4%')]);
    expect(c.got).toHaveLength(1);
    // search, too, lists the story once and names the other sources; the other month stays apart
    const found = await reply(alice, 'search', 'CPI');
    expect(found.match(/10月(份)?CPI同比/g)).toHaveLength(1);
    expect(found).toMatch(/另见：(cls|emnews|sichuanribao)、(cls|emnews|sichuanribao)$/m);
    expect(found).toContain('9月CPI同比上涨0.4%');
  });

  it('a digest lists the story once, naming every source', { timeout: 60_000 }, async () => {
    w = await startWorld({ start: sh('2026-10-12', '10:00') });
    for (const s of ['emnews', 'cls']) await reply(bob, 'sub', s);
    await reply(bob, 'mode', 'digest');
    await w.publish([story('emnews', '10月CPI同比上涨0.3%')]);
    await w.publish([story('cls', '统计局：10月CPI同比上涨0.3%')]);
    const before = texts(bob).length;
    expect(await w.deps.delivery.runDigests(w.now(), { chatId: bob.id })).toBe(1);
    await w.settle();
    const digest = texts(bob).slice(before).join('\n');
    expect(digest.match(/CPI/g)).toHaveLength(1);
    expect(digest).toMatch(/\((emnews · cls|cls · emnews)\)/);
  });
});
