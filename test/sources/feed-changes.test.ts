import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/sources/feed/parse.ts';
import { createFetcher } from '../../src/sources/fetch/fetcher.ts';
import type { Validators } from '../../src/sources/types.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { type MadeItem, makeFeed } from '../support/make-feed.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const items: MadeItem[] = Array.from({ length: 6 }, (_, i) => ({
  title: `快讯 ${i}`,
  text: `第 ${i} 条正文。`,
  link: `https://wire.example.cn/n/${i}?utm_source=rss`,
  date: new Date(Date.UTC(2026, 11, 6, 2, i)),
}));

describe('a feed that changes between polls, over HTTP', () => {
  it('re-ordered and re-published items keep their keys; only the new item is new', async () => {
    const fetcher = createFetcher({ allowPrivate: [server.host], timeoutMs: 3000, maxBytes: 1e6 });
    const url = `${server.url}/changing.xml`;
    const seen = new Set<string>();
    let validators: Validators = {};
    const poll = async () => {
      const doc = await fetcher.fetch({ url, validators });
      validators = doc.validators;
      if (doc.notModified) return null;
      const fresh = parseFeed(doc.text, doc.url).items.filter((i) => !seen.has(i.key));
      for (const i of fresh) seen.add(i.key);
      return fresh.map((i) => i.title);
    };

    server.setRoute('/changing.xml', { body: makeFeed({ format: 'rss', title: 'W', items }), etag: true });
    expect(await poll()).toEqual(items.map((i) => i.title));
    expect(await poll()).toBeNull();

    // shuffled, every date moved a day, one link spelled with other tracking parameters
    const republished = [items[3], items[0], items[5], items[1], items[4], items[2]].map((i, n) => ({
      ...i!,
      date: new Date(Date.UTC(2026, 11, 7, 2, n)),
      link: i!.link?.replace('utm_source=rss', 'utm_medium=feed'),
    }));
    server.setRoute('/changing.xml', {
      body: makeFeed({ format: 'rss', title: 'W', items: republished }),
      etag: true,
    });
    expect(await poll()).toEqual([]);

    const added = {
      title: '快讯 新',
      text: '新的一条。',
      link: 'https://wire.example.cn/n/new',
      date: new Date(),
    };
    server.setRoute('/changing.xml', {
      body: makeFeed({ format: 'rss', title: 'W', items: [added, ...republished] }),
      etag: true,
    });
    expect(await poll()).toEqual(['快讯 新']);
    expect(server.log.map((r) => r.status)).toEqual([200, 304, 200, 200]);
    expect(server.log.slice(1).every((r) => r.conditional)).toBe(true);
  });

  it('serves a generated feed in every format the parser reads', async () => {
    const fetcher = createFetcher({ allowPrivate: [server.host], timeoutMs: 3000, maxBytes: 1e6 });
    for (const format of ['rss', 'atom', 'rdf', 'json'] as const) {
      server.setRoute(`/gen.${format}`, { body: makeFeed({ format, title: `F ${format}`, items }) });
      const doc = await fetcher.fetch({ url: `${server.url}/gen.${format}` });
      const f = parseFeed(doc.text, doc.url);
      expect([f.format, f.title, f.items.length]).toEqual([format, `F ${format}`, 6]);
    }
  });
});
