import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import type { StoredArticle } from '../../src/articles/types.ts';
import { made } from '../search/corpus.ts';
import { assertCleanOutput, buttons, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import { callbackQuery, command, groupChat, user } from '../support/updates.ts';

const HOUR = 3_600_000;
const alice = user(2001, { firstName: 'Alice' });
const bob = user(2002, { languageCode: 'en' });
const chatOf = (u: typeof alice) => ({ id: u.id, type: 'private' as const, first_name: u.first_name });
const cmd = (name: string, args = '', from = alice) => command(chatOf(from), from, name, args);
const tap = (messageId: number, data: string, from = alice) =>
  callbackQuery(chatOf(from), from, data, { messageId });

let h: Harness;
const stored: StoredArticle[] = [];
const add = (a: ReturnType<typeof made>) => {
  const r = h.t.sqlite.articles.insert(a, a.summary || a.paragraphs[0] || '', a.fetchedAt);
  h.t.sqlite.search.add(r.article);
  stored.push(r.article);
  return r.article;
};

beforeAll(async () => {
  h = await startHarness();
  await poll(h.deps); // the served snapshot, through the real site reader and ingest
  const now = h.deps.now();
  for (let i = 0; i < 12; i++) {
    add(
      made(`检索分页样例第${i + 1}篇`, [`正文提到检索分页样例与<b>标签</b> & 符号。`], {
        at: now - (i + 0.5) * HOUR,
      }),
    );
  }
  for (let i = 0; i < 6; i++) add(made(`填充文章${i}`, ['填充。'], { at: now - 30 * HOUR - i * HOUR }));
  add(made('孪生稿件保险新闻', ['孪生内容'], { at: now - HOUR / 2, category: 'emnews', storyKey: '2099' }));
  add(
    made('孪生稿件保险新闻', ['孪生内容'], {
      at: now - HOUR / 2,
      category: 'sichuanribao',
      storyKey: '2099',
    }),
  );
  const long = Array.from({ length: 60 }, (_, i) => `第${i + 1}段：${'很长的正文内容。'.repeat(60)}`);
  add(made('一篇很长的文章', long, { at: now - 3 * HOUR }));
});
afterAll(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

const sentMessage = (sent: Awaited<ReturnType<Harness['send']>>) =>
  sent.find((s) => s.method === 'sendMessage');

describe('/search', () => {
  it.each(['四川国寿', '保费', '中國人壽'])('/search %s finds the 四川日报 article', async (q) => {
    const msg = sentMessage(await h.send(cmd('search', q)));
    expect(msg?.plainText).toContain('中国人寿四川省分公司');
    expect(msg?.plainText).toMatch(/共 \d+ 条结果/);
    expect(msg?.text).toContain('<b>');
    expect(msg?.text).toMatch(/\d\d-\d\d \d\d:\d\d/);
    const sichuan = h.t.sqlite.articles
      .latest({ categories: ['sichuanribao'], limit: 50 })
      .find((a) => a.title.includes('中国人寿'));
    expect(buttons(msg).some((b) => b.data === `read:${sichuan?.seq}`)).toBe(true);
  });

  it('pages with ‹ › buttons of at most 64 bytes, editing the message', async () => {
    const msg = sentMessage(await h.send(cmd('search', '检索分页样例')));
    expect(msg?.plainText).toContain('共 12 条结果（第 1/3 页）');
    const first = buttons(msg);
    for (const b of first) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    const next = first.find((b) => b.text === '›');
    expect(next).toBeDefined();
    const edited = await h.send(tap(msg!.messageId!, next!.data));
    const edit = edited.find((s) => s.method === 'editMessageText');
    expect(edit?.plainText).toContain('第 2/3 页');
    expect(edit?.plainText).toContain('6. ');
    const back = buttons(edit).find((b) => b.text === '‹');
    const again = await h.send(tap(msg!.messageId!, back!.data));
    expect(again.find((s) => s.method === 'editMessageText')?.plainText).toContain('第 1/3 页');
  });

  it('answers tampered, foreign and stale paging buttons politely and changes nothing', async () => {
    const msg = sentMessage(await h.send(cmd('search', '检索分页样例')));
    const next = buttons(msg).find((b) => b.text === '›')!.data;
    const tampered = next.replace('srch:1:', 'srch:2:');
    for (const [data, from] of [
      [tampered, alice],
      [next, bob], // another chat
      ['srch:1:AAAAAAAA.zzzzzzzz', alice],
    ] as const) {
      const sent = await h.send(tap(msg!.messageId!, data, from));
      expect(sent.some((s) => s.method === 'editMessageText')).toBe(false);
      expect(sent.find((s) => s.method === 'answerCallbackQuery')).toBeDefined();
    }
    await h.t.storage.kv.clear();
    const stale = await h.send(tap(msg!.messageId!, next));
    expect(stale.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('过期');
  });

  it('lists twins once', async () => {
    const msg = sentMessage(await h.send(cmd('search', '孪生稿件')));
    expect(msg?.plainText).toContain('共 1 条结果');
  });

  it('says so when nothing matches, and explains an empty query', async () => {
    expect(texts(await h.send(cmd('search', '完全不存在的词语')))[0]).toContain(
      '没有找到包含 完全不存在的词语',
    );
    expect(texts(await h.send(cmd('search')))[0]).toContain('用法');
    expect(texts(await h.send(cmd('search', '@7d')))[0]).toContain('用法');
    expect(texts(await h.send(cmd('search', '保费', bob)))[0]).toMatch(/\d+ results?/);
  });

  it('filters by #source and @window, and refuses unknown ones', async () => {
    const inSource = texts(await h.send(cmd('search', '检索分页样例 #sichuanribao')))[0];
    expect(inSource).toContain('没有找到');
    expect(texts(await h.send(cmd('search', '检索分页样例 @2h')))[0]).toContain('共 2 条结果');
    expect(texts(await h.send(cmd('search', '保费 #四川日报')))[0]).toContain('中国人寿四川省分公司');
    expect(texts(await h.send(cmd('search', '保费 #nosuchsource')))[0]).toContain(
      '没有找到来源 nosuchsource',
    );
    expect(texts(await h.send(cmd('search', '保费 @forever')))[0]).toContain('看不懂时间限定');
  });

  it('escapes hostile input and caps long queries', async () => {
    const sent = await h.send(cmd('search', `<b>&amp; ${'长'.repeat(5000)}`));
    expect(sentMessage(sent)?.plainText).toContain('没有找到');
  });

  it('works in groups as /search@botname', async () => {
    const group = groupChat(-4001);
    const sent = await h.send(command(group, alice, 'search', '保费', { botUsername: 'kuaixun_test_bot' }));
    expect(sentMessage(sent)?.chatId).toBe(group.id);
    expect(sentMessage(sent)?.plainText).toContain('中国人寿四川省分公司');
  });
});

describe('/latest', () => {
  it('/latest sichuanribao finds the 四川日报 article, twins once', async () => {
    const text = texts(await h.send(cmd('latest', 'sichuanribao')))[0];
    expect(text).toContain('中国人寿四川省分公司');
    expect(text?.match(/孪生稿件保险新闻/g)?.length).toBe(1);
  });

  it('takes a source name and a count, at most 20', async () => {
    const text = texts(await h.send(cmd('latest', '四川日报 1')))[0];
    expect(text).toContain('最新 1 条');
    const all = texts(await h.send(cmd('latest', '50'))).join('\n');
    expect(all).toContain('全站 最新 20 条');
    expect(all).toContain('20. ');
  });

  it('uses the chat subscriptions when no category is given', async () => {
    await h.deps.chats.ensure(bob.id, { kind: 'private', lang: 'en' });
    await h.deps.chats.subscribe(bob.id, ['sichuanribao'], h.deps.now());
    const text = texts(await h.send(cmd('latest', '', bob)))[0];
    expect(text).toContain('your subscriptions');
    expect(text).toContain('中国人寿四川省分公司');
    expect(texts(await h.send(cmd('latest', 'nosuchsource')))[0]).toContain('没有找到来源');
  });
});

describe('/read and 全文 buttons', () => {
  it('/read sends the clean text with the title in bold', async () => {
    const sichuan = h.t.sqlite.articles
      .latest({ categories: ['sichuanribao'], limit: 50 })
      .find((a) => a.title.includes('中国人寿'))!;
    const sent = await h.send(cmd('read', String(sichuan.seq)));
    const msgs = sent.filter((s) => s.method === 'sendMessage');
    expect(msgs[0]?.text).toMatch(/^<b><a href=/);
    expect(msgs.map((m) => m.plainText).join('\n')).toContain('总保费295亿元');
  });

  it('stops a long article at five messages with a link to the rest', async () => {
    const long = stored.find((a) => a.title === '一篇很长的文章')!;
    const msgs = (await h.send(cmd('read', String(long.seq)))).filter((s) => s.method === 'sendMessage');
    expect(msgs.length).toBe(5);
    expect(msgs[4]?.plainText).toMatch(/后面还有 \d+ 段/);
    expect(msgs[4]?.text).toContain(`href="${long.url}"`);
  });

  it('opens an article from a read: button and refuses unknown ids politely', async () => {
    const a = stored[0]!;
    const sent = await h.send(tap(1, `read:${a.seq}`));
    expect(sent.find((s) => s.method === 'sendMessage')?.plainText).toContain(a.title);
    const unknown = await h.send(tap(1, 'read:99999999'));
    expect(unknown.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('不在存档');
    expect(texts(await h.send(cmd('read', 'abc')))[0]).toContain('没有编号为 abc');
    expect(texts(await h.send(cmd('read')))[0]).toContain('用法');
  });

  it('in a group, repeated taps on one full-text button post it once, then point above', async () => {
    const a = stored[0]!;
    const room = groupChat(-7070, 'readers');
    const reader = user(7071);
    const tapIn = () => callbackQuery(room, reader, `read:${a.seq}`, { messageId: 1 });
    const first = await h.send(tapIn());
    expect(first.filter((s) => s.method === 'sendMessage' && s.chatId === room.id).length).toBeGreaterThan(0);
    const again = await h.send(tapIn());
    expect(again.filter((s) => s.method === 'sendMessage')).toHaveLength(0);
    expect(again.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('上方');
    // a private chat is the reader's own: no such limit there
    const twice = [await h.send(tap(1, `read:${a.seq}`)), await h.send(tap(1, `read:${a.seq}`))];
    for (const sent of twice) expect(sent.some((s) => s.method === 'sendMessage')).toBe(true);
  });
});
