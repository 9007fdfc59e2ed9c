import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/sources/feed/dates.ts';
import { parseFeed } from '../../src/sources/feed/parse.ts';
import { normalizeUrl, seenKey } from '../../src/sources/feed/seen-key.ts';
import { makeFeed } from '../support/make-feed.ts';

describe('seenKey', () => {
  it('prefers the guid, trimmed, URL-like guids normalised', () => {
    expect(seenKey({ guid: '  abc-1 ', link: 'https://x.cn/1' })).toBe('g:abc-1');
    expect(seenKey({ guid: 'HTTPS://News.Example.cn:443/a?utm_source=x&b=2#top' })).toBe(
      'g:https://news.example.cn/a?b=2',
    );
  });

  it('falls back to the normalised link, then a hash of title and date', () => {
    expect(seenKey({ link: 'http://Example.cn:80/p?utm_medium=rss&id=7#c' })).toBe(
      'l:http://example.cn/p?id=7',
    );
    const h = seenKey({ title: '标题', date: '2026-12-06' });
    expect(h).toMatch(/^h:[0-9a-f]{40}$/);
    expect(seenKey({ title: ' 标题 ', date: '2026-12-06 ' })).toBe(h);
    expect(seenKey({ title: '标题', date: '2026-12-07' })).not.toBe(h);
  });

  it('normalizeUrl keeps what selects the page and drops what does not', () => {
    expect(normalizeUrl('/a/b?z=1&a=2', 'https://X.cn/feed')).toBe('https://x.cn/a/b?a=2&z=1');
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
  });
});

describe('a feed that re-orders and re-publishes keeps its keys', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({
    title: `快讯 ${i}`,
    text: `正文 ${i}`,
    link: `https://wire.example.cn/n/${i}`,
    date: new Date(Date.UTC(2026, 11, 6, 2, i)),
  }));
  for (const format of ['rss', 'atom', 'rdf', 'json'] as const) {
    it(`${format}: same keys after re-ordering and new dates`, () => {
      const first = parseFeed(makeFeed({ format, title: 'T', items }), 'https://wire.example.cn/feed');
      const moved = items
        .slice()
        .reverse()
        .map((it, i) => ({ ...it, date: new Date(Date.UTC(2026, 11, 7, 3, i)) }));
      const second = parseFeed(
        makeFeed({ format, title: 'T', items: moved }),
        'https://wire.example.cn/feed',
      );
      expect(second.items.map((i) => i.key).sort()).toEqual(first.items.map((i) => i.key).sort());
      expect(new Set(first.items.map((i) => i.key)).size).toBe(5);
      expect(second.items[0]?.publishedAt).not.toBe(first.items[4]?.publishedAt);
    });
  }
});

describe('parseFeedDate', () => {
  it.each([
    ['Sun, 06 Dec 2026 02:30:00 GMT', '2026-12-06T02:30:00Z'],
    ['Sun, 06 Dec 2026 10:30:00 +0800', '2026-12-06T02:30:00Z'],
    ['Sun, 06 Dec 2026 10:30:00 CST', '2026-12-06T02:30:00Z'],
    ['2026-12-06T10:30:00+08:00', '2026-12-06T02:30:00Z'],
    ['2026-12-06T02:30:00.000Z', '2026-12-06T02:30:00Z'],
    ['2026-12-06 10:30:00', '2026-12-06T02:30:00Z'],
    ['2026-12-06 10:30', '2026-12-06T02:30:00Z'],
    ['2026/12/06 10:30:00', '2026-12-06T02:30:00Z'],
    ['2026年12月6日 10:30', '2026-12-06T02:30:00Z'],
    ['2026年12月6日', '2026-12-05T16:00:00Z'],
    ['2026-12-06', '2026-12-05T16:00:00Z'],
  ])('%s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(Date.parse(iso));
  });

  it('gives null rather than a guess', () => {
    expect([
      parseFeedDate('昨天'),
      parseFeedDate(''),
      parseFeedDate(undefined),
      parseFeedDate('2026-13-45'),
    ]).toEqual([null, null, null, null]);
  });
});
