import { describe, expect, it } from 'vitest';
import { POLL_STATE_KEY } from '../../src/sources/finews/state.ts';
import { buttons, type Harness, harnessPerTest, OPERATOR_ID, texts } from '../support/bot-harness.ts';
import { callbackQuery, command, privateChat, user } from '../support/updates.ts';

let h: Harness;
harnessPerTest((x) => {
  h = x;
});

const alice = user(1001);
const chat = privateChat(alice);
const cmd = (name: string, args = '', from = alice) => command(privateChat(from), from, name, args);
const tap = (messageId: number, data: string) => callbackQuery(chat, alice, data, { messageId });
const one = async (name: string, args = '') => texts(await h.send(cmd(name, args))).join('\n');

describe('mode, digest, lang, settings', () => {
  it('/mode switches between instant and digest', async () => {
    expect(await one('mode')).toContain('当前：即时推送');
    expect(await one('mode', 'digest')).toContain('08:00、18:00');
    expect((await h.deps.chats.get(alice.id))?.mode).toBe('digest');
    expect(await one('mode', 'nonsense')).toContain('用法');
    await one('mode', 'instant');
    expect((await h.deps.chats.get(alice.id))?.mode).toBe('instant');
  });

  it('/digest sets sorted times, refuses bad ones, turns off, and runs now', async () => {
    expect(await one('digest', '20:00 7:30 0730')).toContain('07:30、20:00');
    expect(await h.deps.chats.get(alice.id)).toMatchObject({
      mode: 'digest',
      digestTimes: ['07:30', '20:00'],
    });
    expect(await one('digest', '25:00')).toContain('看不懂时间 25:00');
    expect(await one('digest', '<b>7</b>')).toContain('看不懂时间 <b>7</b>');
    expect((await h.deps.chats.get(alice.id))?.digestTimes).toEqual(['07:30', '20:00']);
    expect(await one('digest', 'now')).toContain('摘要马上就到');
    expect(h.digestCalls).toEqual([{ now: expect.any(Number), force: { chatId: alice.id } }]);
    expect(await one('digest', 'off')).toContain('已关闭');
    expect(await h.deps.chats.get(alice.id)).toMatchObject({ mode: 'instant', digestTimes: [] });
    expect(await one('digest')).toContain('摘要时间：关闭');
  });

  it('/lang switches every later reply to English and back', async () => {
    expect(await one('lang', 'en')).toBe('OK, I will answer in English.');
    expect(await one('help')).toContain('Subscriptions');
    expect(await one('sub', 'nothing_like_this')).toContain('No source called nothing_like_this');
    expect(await one('lang', 'fr')).toContain('Usage');
    expect(await one('lang', '中文')).toContain('中文');
    expect(await one('help')).toContain('订阅');
  });

  it('/settings toggles language, previews, summaries, mode and zone in place', async () => {
    const msg = (await h.send(cmd('settings'))).find((s) => s.method === 'sendMessage');
    expect(msg?.plainText).toContain('链接预览：关');
    const press = async (label: string | RegExp, from = msg) => {
      const b = buttons(from).find((x) =>
        typeof label === 'string' ? x.text.includes(label) : label.test(x.text),
      );
      if (!b) throw new Error(`no button ${label}`);
      const sent = await h.send(tap(msg?.messageId ?? 0, b.data));
      expect(sent.some((s) => s.method === 'answerCallbackQuery')).toBe(true);
      return sent.find((s) => s.method === 'editMessageText');
    };
    let view = await press('链接预览');
    expect((await h.deps.chats.get(alice.id))?.linkPreview).toBe(true);
    view = await press('摘要', view);
    expect((await h.deps.chats.get(alice.id))?.showSummary).toBe(false);
    view = await press('推送', view);
    expect((await h.deps.chats.get(alice.id))?.mode).toBe('digest');
    view = await press('Berlin', view);
    expect((await h.deps.chats.get(alice.id))?.tz).toBe('Europe/Berlin');
    view = await press('English', view);
    expect((await h.deps.chats.get(alice.id))?.lang).toBe('en');
    expect(view?.plainText).toContain('Link previews: on');
    expect(view?.plainText).toContain('Time zone: Europe/Berlin');
  });

  it('/settings tz accepts IANA zones and refuses the rest', async () => {
    expect(await one('settings', 'tz America/Argentina/Buenos_Aires')).toContain(
      'America/Argentina/Buenos_Aires',
    );
    expect((await h.deps.chats.get(alice.id))?.tz).toBe('America/Argentina/Buenos_Aires');
    expect(await one('settings', 'tz Mars/Olympus')).toContain('不认识时区 Mars/Olympus');
    expect(await one('settings', 'tz <script>')).toContain('不认识时区 <script>');
    expect(await one('settings', 'tz')).toContain('不认识时区');
  });
});

describe('categories', () => {
  it('/categories without a query shows the busiest sources; tapping toggles and relabels', async () => {
    // the archive decides what is popular: give sichuanzaixian two recent posts
    for (const n of [1, 2]) {
      h.t.sqlite.articles.insert(
        {
          id: `sichuanzaixian/2022/03/15/${n}`,
          url: `${h.site.url}/sichuanzaixian/2022/03/15/${n}.html`,
          category: 'sichuanzaixian',
          source: '四川在线',
          title: `标题${n}`,
          publishedAt: h.deps.now() - 3_600_000,
          paragraphs: ['正文。'],
          digest: null,
          attribution: null,
          sourceLink: null,
          images: [],
          storyKey: String(n),
        },
        '正文。',
        h.deps.now(),
      );
    }
    const msg = (await h.send(cmd('categories'))).find((s) => s.method === 'sendMessage');
    expect(msg?.plainText).toContain('热门来源');
    const first = buttons(msg)[0];
    expect(first?.text).toBe('➕ 四川在线 (sichuanzaixian)');
    let sent = await h.send(tap(msg?.messageId ?? 0, first?.data ?? ''));
    expect(sent.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('已订阅');
    const relabeled = sent.find((s) => s.method === 'editMessageReplyMarkup');
    expect(buttons(relabeled)[0]?.text).toBe('✅ 四川在线 (sichuanzaixian)');
    expect(await h.deps.chats.subscribers('sichuanzaixian')).toEqual([alice.id]);
    sent = await h.send(tap(msg?.messageId ?? 0, first?.data ?? ''));
    expect(await h.deps.chats.subscribers('sichuanzaixian')).toEqual([]);
    expect(sent.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('已取消');
  });

  it('/categories query matches pinyin, initials and names; pages carry the query', async () => {
    for (const q of ['sichuan', 'scrb', '四川', 'sichuanribo']) {
      const msg = (await h.send(cmd('categories', q))).find((s) => s.method === 'sendMessage');
      expect(buttons(msg).some((b) => b.text.includes('sichuanribao'))).toBe(true);
    }
    const none = await one('categories', '<i>zzzzqqq</i>');
    expect(none).toContain('没有与 <i>zzzzqqq</i> 匹配的来源');
    for (let i = 0; i < 20; i++)
      h.deps.registry.observe({ slug: `sichuan${i}x`, source: `四川测试${i}`, seenAt: 1 });
    const msg = (await h.send(cmd('categories', '四川'))).find((s) => s.method === 'sendMessage');
    const nav = buttons(msg).filter((b) => b.text === '›');
    expect(buttons(msg)).toHaveLength(8 + 2);
    const sent = await h.send(tap(msg?.messageId ?? 0, nav[0]?.data ?? ''));
    const page2 = sent.find((s) => s.method === 'editMessageText');
    expect(buttons(page2).find((b) => /^\d+\/\d+$/.test(b.text))?.text).toBe('2/3');
    expect(page2?.plainText).toContain('与 四川 匹配的来源：22 个');
  });
});

describe('stats', () => {
  it('is for ADMIN_IDS only', async () => {
    await one('start');
    expect(await one('stats')).toContain('只对机器人的运营者开放');
    const op = user(OPERATOR_ID);
    await h.send(cmd('sub', 'emnews', op));
    const text = texts(await h.send(cmd('stats', '', op))).join('');
    expect(text).toContain('聊天：2（活跃 2）');
    expect(text).toContain('订阅：1');
    expect(text).toContain('文章：0');
    expect(text).toContain('待发送：3');
    expect(text).toContain('上次抓取：—');
    await h.t.storage.kv.set(POLL_STATE_KEY, {
      initialized: true,
      lastSuccessAt: Date.UTC(2022, 2, 15, 4, 0, 0),
      retry: {},
    });
    const later = texts(await h.send(cmd('stats', '', op))).join('');
    expect(later).toContain('上次抓取：2022-03-15 12:00:00 Asia/Shanghai');
  });
});
