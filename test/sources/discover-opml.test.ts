import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/sources/feed/discover.ts';
import { parseOpml, toOpml } from '../../src/sources/feed/opml.ts';
import { FeedParseError, parseFeed } from '../../src/sources/feed/parse.ts';
import { createFetcher } from '../../src/sources/fetch/fetcher.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

describe('discoverFeeds over HTTP', () => {
  const fetcher = () => createFetcher({ allowPrivate: [server.host], timeoutMs: 3000, maxBytes: 1e6 });

  it('puts <link rel=alternate> feeds first, absolute and deduplicated, then feed-like anchors', async () => {
    const page = await fetcher().fetch({ url: `${server.url}/page-with-link.html` });
    const found = discoverFeeds(page.text, page.url);
    expect(found).toEqual([
      `${server.url}/rss091.xml`,
      `${server.url}/atom10.xml`,
      'https://fx.example.cn/feed.json',
      `${server.url}/feed`,
    ]);
    // the first one is a feed the fetcher and parser can read, named by its own title
    const feed = await fetcher().fetch({ url: found[0]! });
    expect(parseFeed(feed.text, feed.url).title).toBe('宏观研究周报');
  });

  it('falls back to anchors that look like feeds', async () => {
    const page = await fetcher().fetch({ url: `${server.url}/page-with-anchors.html` });
    expect(discoverFeeds(page.text, page.url)).toEqual([
      `${server.url}/rss20.xml`,
      'https://blog.example.cn/feed/',
      `${server.url}/news/atom`,
      `${server.url}/list.rss`,
      `${server.url}/data/feed.json`,
    ]);
  });

  it('finds nothing on a page without feeds, and that page is not a feed', async () => {
    const page = await fetcher().fetch({ url: `${server.url}/page-without-feed.html` });
    expect(discoverFeeds(page.text, page.url)).toEqual([]);
    expect(() => parseFeed(page.text, page.url)).toThrow(FeedParseError);
  });

  it('honours <base href> and ignores non-http links', () => {
    const html =
      '<head><base href="https://cdn.example.cn/site/"><link rel="alternate" type="application/rss+xml" href="rss.xml"></head>' +
      '<a href="javascript:void(0)">x</a><a href="feed://example.cn/rss">y</a>';
    expect(discoverFeeds(html, 'https://example.cn/')).toEqual(['https://cdn.example.cn/site/rss.xml']);
  });
});

describe('OPML', () => {
  const feeds = [
    { title: '宏观研究周报', url: 'https://research.example.cn/rss' },
    { title: 'A & B <周报>', url: 'https://x.example.cn/feed?a=1&b=2' },
    { title: '', url: 'https://untitled.example.cn/atom.xml' },
  ];

  it('round-trips titles and URLs, escaping what XML needs', () => {
    const text = toOpml(feeds);
    expect(text).toContain('<opml version="2.0">');
    expect(parseOpml(text)).toEqual([feeds[0], feeds[1], { title: feeds[2]?.url, url: feeds[2]?.url }]);
  });

  it('flattens folders, keeps each URL once, and refuses what is not OPML', () => {
    const text =
      '<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>' +
      '<outline text="财经"><outline text="甲" xmlUrl="https://a.cn/rss"/><outline text="乙" type="rss" xmlUrl="https://b.cn/rss"/></outline>' +
      '<outline text="甲again" xmlUrl="https://a.cn/rss"/><outline text="no url"/></body></opml>';
    expect(parseOpml(text)).toEqual([
      { title: '甲', url: 'https://a.cn/rss' },
      { title: '乙', url: 'https://b.cn/rss' },
    ]);
    expect(() => parseOpml('<html></html>')).toThrow(FeedParseError);
    expect(() => parseOpml('not xml at all')).toThrow(FeedParseError);
  });
});
