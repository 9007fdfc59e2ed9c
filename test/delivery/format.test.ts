import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import { newChat } from '../../src/chats/store.ts';
import type { Chat } from '../../src/chats/types.ts';
import { toPlainText } from '../../src/delivery/plain-text.ts';
import { formatArticle, formatDigest, formatRollup, formatTime, hashtag } from '../../src/present/push.ts';
import { checkTelegramHtml } from '../support/strict-html.ts';

const chat = (over: Partial<Chat> = {}): Chat => ({ ...newChat(1, 'private', 'Asia/Shanghai', 0), ...over });

let seq = 0;
const art = (over: Partial<StoredArticle> = {}): StoredArticle => ({
  seq: ++seq,
  id: `sichuanribao/2022/03/15/NW${seq}`,
  url: `https://finews.withounder.com/sichuanribao/2022/03/15/NW${seq}.html`,
  category: 'sichuanribao',
  source: '四川日报',
  title: '四川国寿：总保费295亿元 <script>&',
  publishedAt: Date.UTC(2022, 2, 14, 21, 35, 18),
  paragraphs: [],
  digest: null,
  attribution: null,
  sourceLink: null,
  images: [],
  storyKey: `2022${seq}`,
  summary: '总保费295亿元，市场份额 6.35%，"第一" <i>',
  fetchedAt: 0,
  ...over,
});

const valid = (text: string) => {
  const r = checkTelegramHtml(text);
  expect(r.ok, r.ok ? '' : r.error).toBe(true);
  return r.ok ? r.plainText : '';
};

describe('format', () => {
  it('formats time in the chat zone', () => {
    const t = Date.UTC(2022, 2, 14, 21, 35, 18);
    expect(formatTime(t, 'Asia/Shanghai')).toBe('2022-03-15 05:35');
    expect(formatTime(t, 'Europe/Berlin')).toBe('2022-03-14 22:35');
  });

  it('makes hashtags from odd slugs', () => {
    expect(hashtag('sichuanribao')).toBe('#sichuanribao');
    expect(hashtag('21shijijingjibaodao 21caijingAPP')).toBe('#21shijijingjibaodao21caijingAPP');
    expect(hashtag('anxinguojizhengquan(xianggang)')).toBe('#anxinguojizhengquanxianggang');
    expect(hashtag('123')).toBe('#_123');
    expect(hashtag('()')).toBe('');
  });

  it('builds an instant message: bold linked title, summary, sources, time, hashtags, escaped', () => {
    const a = art();
    const twin = art({ category: 'emnews', source: '东财滚动新闻', storyKey: a.storyKey });
    const msg = formatArticle([a, twin], chat());
    const text = valid(msg.text.value);
    expect(msg.text.value).toContain(`<b><a href="${a.url}">`);
    expect(text).toContain('四川国寿：总保费295亿元 <script>&');
    expect(text).toContain('总保费295亿元');
    expect(text).toContain('四川日报 · 东财滚动新闻 · 2022-03-15 05:35');
    expect(text).toContain('#sichuanribao #emnews');
    expect(msg.disablePreview).toBe(true);
    expect(msg.readSeq).toBe(a.seq);
  });

  it('honours summary and preview settings and stays within 4096 for huge articles', () => {
    const a = art({ title: '长'.repeat(5000), summary: '摘'.repeat(9000) });
    const noSummary = formatArticle([a], chat({ showSummary: false, linkPreview: true }));
    expect(valid(noSummary.text.value)).not.toContain('摘');
    expect(noSummary.disablePreview).toBe(false);
    const big = formatArticle([a], chat());
    expect(big.text.length).toBeLessThanOrEqual(4096);
    valid(big.text.value);
  });

  it('stays ≤ 4096 and valid with absurd site data (huge names, URL, hundreds of twins)', () => {
    const twins = Array.from({ length: 300 }, (_, i) =>
      art({ source: `来源${i}${'名'.repeat(500)}`, category: `cat${i}${'x'.repeat(500)}` }),
    );
    for (const a of [
      formatArticle(twins, chat()),
      formatArticle([art({ url: `https://finews.example/${'a'.repeat(6000)}.html` })], chat()),
    ]) {
      expect(a.text.length).toBeLessThanOrEqual(4096);
      expect(valid(a.text.value)).toContain('四川国寿');
    }
  });

  it('splits a digest between items, groups by category, each part valid and ≤ 4096', () => {
    const items = Array.from({ length: 120 }, (_, i) => ({
      twins: [
        art({ category: i % 2 ? 'emnews' : 'sichuanribao', title: `第${i}条 ${'很长的标题'.repeat(8)}` }),
      ],
    }));
    const parts = formatDigest(items, chat({ lang: 'en' }), Date.UTC(2022, 2, 15, 0, 0));
    expect(parts.length).toBeGreaterThan(1);
    let seen = 0;
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      const text = valid(p.value);
      expect(text.startsWith('\n')).toBe(false);
      seen += (text.match(/^• /gm) ?? []).length;
    }
    expect(seen).toBe(120);
    expect(parts[0]!.value).toContain('Digest · 2022-03-15 08:00');
    // grouped: every sichuanribao item comes before the emnews heading
    const all = parts.map((p) => p.value).join('\n');
    expect(all.indexOf('#emnews')).toBeGreaterThan(all.lastIndexOf('第118条'));
  });

  it('rolls a backlog into one message that names the count', () => {
    const stories = Array.from({ length: 300 }, () => [art({ title: 'x'.repeat(60) })]);
    const msg = formatRollup(stories, chat());
    const text = valid(msg.text.value);
    expect(text.startsWith('300 条新消息')).toBe(true);
    expect(msg.text.length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/还有 \d+ 条/);
  });

  it('turns HTML back into its plain text for the parse-error fallback', () => {
    expect(toPlainText('<b>a &amp; b</b> &lt;c&gt;')).toBe('a & b <c>');
  });
});
