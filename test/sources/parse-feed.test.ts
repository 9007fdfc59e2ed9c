import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/sources/feed/parse.ts';
import { fixtureBytes, fixtureText } from '../support/feed-server.ts';

const at = (iso: string) => Date.parse(iso);
const parse = (name: string) => parseFeed(fixtureText(name), `https://feeds.example.cn/${name}`);

describe('parseFeed reads every format into the same items', () => {
  it('RSS 0.91: links as keys, HTML description as paragraphs, no dates', () => {
    const f = parse('rss091.xml');
    expect([f.format, f.title, f.siteUrl]).toEqual(['rss', '宏观研究周报', 'https://research.example.cn/']);
    expect(f.items.map((i) => [i.key, i.title, i.paragraphs, i.publishedAt])).toEqual([
      [
        'l:https://research.example.cn/weekly/2026-48.html',
        '十一月制造业景气回升',
        ['十一月官方制造业采购经理指数回升至荣枯线以上。', '新订单指数连续两个月改善。'],
        null,
      ],
      // utm_* parameters are not part of the link
      [
        'l:https://research.example.cn/weekly/2026-47.html',
        '央行开展逆回购操作',
        ['公开市场净投放资金，流动性保持合理充裕。'],
        null,
      ],
    ]);
  });

  it('RSS 0.92: CDATA and <br>, categories as tags, an untitled item kept, an empty one skipped', () => {
    const f = parse('rss092.xml');
    expect(f.items).toHaveLength(2);
    expect(f.items[0]).toMatchObject({
      title: '恒指收涨百余点',
      paragraphs: ['科技股领涨，成交额较前一日放大。', '南向资金净买入。'],
      tags: ['港股', '收评'],
    });
    expect(f.items[1]).toMatchObject({
      title: '',
      url: null,
      paragraphs: ['只有正文没有标题的一条：内房股午后走弱。'],
    });
    expect(f.items[1]?.key).toMatch(/^h:[0-9a-f]{40}$/);
  });

  it('RSS 2.0: content:encoded over description, scripts dropped, entities decoded, ttl, dates', () => {
    const f = parse('rss20.xml');
    expect([f.title, f.ttlMinutes]).toEqual(['财经要闻', 15]);
    const [a, b, c, d] = f.items;
    expect(a).toEqual({
      key: 'g:news-1001',
      url: 'https://feeds.example.cn/a/1001.html',
      title: '两市成交额突破万亿',
      paragraphs: ['沪深两市成交额突破 1 万亿元。', '北向资金净流入 & 券商板块走强。', '银行股小幅回调。'],
      publishedAt: at('2026-12-06T02:30:00Z'),
      author: '张三',
      tags: ['A股', '成交'],
      urgent: false,
    });
    // a URL guid is normalised like a link; a zoneless Chinese date is Beijing time
    expect([b?.key, b?.url, b?.publishedAt]).toEqual([
      'g:https://news.example.cn/a/1002.html',
      'https://news.example.cn/a/1002.html',
      at('2026-12-06T10:30:00+08:00'),
    ]);
    expect([c?.key, c?.publishedAt]).toEqual([
      'l:https://news.example.cn/a/1003.html?id=3',
      at('2026-12-06T09:15:00+08:00'),
    ]);
    expect([d?.url, d?.publishedAt, d?.key.slice(0, 2)]).toEqual([null, null, 'h:']);
  });

  it('RDF 1.0: dc:date, dc:subject and dc:creator', () => {
    const f = parse('rdf10.xml');
    expect(f.format).toBe('rdf');
    expect(f.items[0]).toMatchObject({
      key: 'g:https://bond.example.cn/d/1',
      title: '十年期国债收益率下行',
      publishedAt: at('2026-12-05T16:00:00+08:00'),
      author: '李四',
      tags: ['利率债'],
    });
    expect(f.items).toHaveLength(2);
  });

  it('Atom 0.3 and 1.0: ids, alternate links resolved, html titles as text, lists as paragraphs', () => {
    const old = parse('atom03.xml');
    expect([old.format, old.title, old.siteUrl]).toEqual(['atom', '期货观察', 'https://futures.example.cn/']);
    expect(old.items[0]).toMatchObject({
      key: 'g:tag:futures.example.cn,2026:77',
      url: 'https://futures.example.cn/e/77',
      publishedAt: at('2026-12-06T08:00:00Z'),
      paragraphs: ['沪铜主力合约盘中上涨两个百分点。'],
    });
    const f = parse('atom10.xml');
    expect(f.items[0]).toMatchObject({
      key: 'g:urn:uuid:fund-88',
      url: 'https://feeds.example.cn/posts/88',
      title: '新发基金规模回升',
      paragraphs: ['本周新成立基金募集规模环比回升。', '权益类占比提高', '债基发行放缓'],
      publishedAt: at('2026-12-06T09:00:00+08:00'),
      author: '王五',
      tags: ['基金'],
    });
    expect(f.items[1]).toMatchObject({
      publishedAt: at('2026-12-05T09:00:00Z'),
      paragraphs: ['ETF 份额继续增长。'],
    });
  });

  it('JSON Feed 1.0 and 1.1: content_html, content_text, authors, tags', () => {
    const v1 = parse('jsonfeed10.json');
    expect([v1.format, v1.title, v1.siteUrl]).toEqual(['json', '外汇快讯', 'https://fx.example.cn/']);
    expect(v1.items.map((i) => [i.key, i.title, i.paragraphs, i.author, i.tags])).toEqual([
      ['g:fx-501', '美元指数回落', ['美元指数跌破一百。', '非美货币普遍上涨。'], '赵六', ['外汇', '美元']],
      ['g:fx-500', '', ['欧元兑美元小幅上涨。', '英镑走势平稳。'], null, []],
    ]);
    const v11 = parse('jsonfeed11.json');
    expect(v11.items[0]).toMatchObject({
      key: 'g:https://cmd.example.cn/n/9',
      paragraphs: ['布伦特原油期货反弹逾百分之一。'],
      publishedAt: at('2026-12-06T05:00:00Z'),
      author: '孙七',
    });
  });

  it('the GBK fixture, once decoded, parses like any other', () => {
    const gbk = new TextDecoder('gb18030').decode(new Uint8Array(fixtureBytes('gbk-decl.xml')));
    const f = parseFeed(gbk, 'https://gbk.example.cn/rss');
    expect(f.title).toBe('地方财经（GBK）');
    expect(f.items[0]).toMatchObject({ key: 'g:gbk-1', publishedAt: at('2026-12-05T12:00:00+08:00') });
  });

  it('throws a typed FeedParseError for pages, broken XML and other JSON', () => {
    const reasons = [fixtureText('page-without-feed.html'), fixtureText('malformed.xml'), '{"a":1}', ''].map(
      (t) => {
        try {
          parseFeed(t, 'https://x.example.cn/');
          return 'parsed';
        } catch (err) {
          expect(err).toBeInstanceOf(FeedParseError);
          return (err as FeedParseError).reason;
        }
      },
    );
    expect(reasons).toEqual(['not-a-feed', 'malformed', 'not-a-feed', 'not-a-feed']);
  });
});
