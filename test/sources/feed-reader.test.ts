import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFeedCycle } from '../../src/sources/reader/cycle.ts';
import { SEEN_KEEP_MS } from '../../src/sources/reader/read-feed.ts';
import { createFeed } from '../../src/sources/subscribe/add-feed.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { type MadeItem, makeFeed } from '../support/make-feed.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

let feeds: FeedServer;
let t: TestDeps;
let clock = Date.parse('2026-12-06T02:00:00Z');
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
});
afterEach(() => t?.close());

const MIN = 5 * 60_000;
const item = (n: number): MadeItem => ({
  title: `条目${n}`,
  guid: `g-${n}`,
  link: `https://x.example/${n}`,
  text: `<p>正文${n}。</p>`,
});

async function setup(path: string, body: string, opts: { subscribe?: boolean; ttl?: string } = {}) {
  feeds.setRoute(path, { body, etag: true, ...(opts.ttl ? { cacheControl: opts.ttl } : {}) });
  t = buildTestDeps({ now: () => clock, env: { FEED_PRIVATE_HOSTS: feeds.host, FEED_MIN_INTERVAL: '5m' } });
  const feed = await createFeed(t.deps, {
    id: path.replace(/\W/g, ''),
    url: `${feeds.url}${path}`,
    title: '',
  });
  if (opts.subscribe !== false) await t.deps.chats.subscribe(42, [feed.slug], clock + 1);
  return feed;
}

describe('the feed cycle', () => {
  it('reads a new feed silently once, then pushes only new items, each once', async () => {
    const feed = await setup('/a.xml', makeFeed({ format: 'atom', title: '甲', items: [item(2), item(1)] }));
    const first = await runFeedCycle(t.deps);
    expect(first).toMatchObject({ read: 1, stored: 2, announced: 0 });
    expect((await t.deps.feeds.get(feed.id))?.title).toBe('甲');
    expect(t.deps.registry.get(feed.slug)?.source).toBe('甲');
    clock += MIN;
    feeds.setRoute('/a.xml', {
      body: makeFeed({ format: 'atom', title: '甲', items: [item(1), item(3), item(2)] }),
      etag: true,
    });
    const second = await runFeedCycle(t.deps);
    expect(second).toMatchObject({ stored: 1, announced: 1 });
    expect(t.delivery.announced.map((a) => a.title)).toEqual(['条目3']);
    expect(t.delivery.announced[0]).toMatchObject({
      category: feed.slug,
      source: '甲',
      id: expect.stringMatching(/^feed\/a\w*\/[0-9a-f]{12}$/),
    });
    clock += MIN;
    expect(await runFeedCycle(t.deps)).toMatchObject({ notModified: 1, stored: 0 });
  });

  it('reads a feed at most every FEED_MIN_INTERVAL, and never sooner than Cache-Control asks', async () => {
    const feed = await setup('/b.xml', makeFeed({ format: 'rss', title: '乙', items: [item(1)] }), {
      ttl: 'max-age=3600',
    });
    await runFeedCycle(t.deps);
    expect((await t.deps.feeds.get(feed.id))?.nextDueAt).toBe(clock + 3_600_000);
    clock += MIN;
    expect(await runFeedCycle(t.deps)).toMatchObject({ due: 0, requests: 0 });
  });

  it('a feed nobody subscribes to is not fetched', async () => {
    await setup('/c.xml', makeFeed({ format: 'rss', title: '丙', items: [item(1)] }), { subscribe: false });
    const before = feeds.hits('/c.xml');
    expect(await runFeedCycle(t.deps)).toMatchObject({ due: 1, parked: 1, read: 0 });
    expect(feeds.hits('/c.xml')).toBe(before);
  });

  it('errors back off exponentially up to a day, and a good read resets them', async () => {
    const feed = await setup('/d.xml', 'not a feed at all');
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await runFeedCycle(t.deps);
      const f = (await t.deps.feeds.get(feed.id))!;
      waits.push(f.nextDueAt - clock);
      clock = f.nextDueAt;
    }
    expect(await t.deps.feeds.get(feed.id)).toMatchObject({ failures: 12, lastError: 'unparsable' });
    expect(waits[0]).toBeGreaterThanOrEqual(MIN);
    expect(Math.max(...waits)).toBeLessThanOrEqual(86_400_000);
    expect(waits.at(-1)).toBeGreaterThan(12 * 3_600_000);
    feeds.setRoute('/d.xml', { body: makeFeed({ format: 'rss', title: '丁', items: [item(1)] }) });
    await runFeedCycle(t.deps);
    expect(await t.deps.feeds.get(feed.id)).toMatchObject({
      failures: 0,
      lastError: null,
      initialized: true,
    });
  });

  it('keeps seen keys while the item is in the feed (a 304 counts) and forgets them a month after', async () => {
    const feed = await setup('/e.xml', makeFeed({ format: 'rss', title: '戊', items: [item(1)] }));
    await runFeedCycle(t.deps);
    const key = (await t.deps.feeds.unseen(feed.id, ['x']))[0];
    expect(key).toBe('x');
    clock += SEEN_KEEP_MS + MIN;
    await runFeedCycle(t.deps); // 304: still listed, so still seen
    feeds.setRoute('/e.xml', {
      body: makeFeed({ format: 'rss', title: '戊', items: [item(2)] }),
      etag: true,
    });
    clock += MIN;
    await runFeedCycle(t.deps);
    expect(t.delivery.announced.map((a) => a.title)).toEqual(['条目2']);
    clock += SEEN_KEEP_MS + MIN;
    feeds.setRoute('/e.xml', {
      body: makeFeed({ format: 'rss', title: '戊', items: [item(2), item(3)] }),
      etag: true,
    });
    await runFeedCycle(t.deps);
    // item 1 left the feed over a month ago: its key is gone; item 2 is still listed, still seen
    const keys = t.storage.db
      .prepare('SELECT count(*) FROM feed_seen WHERE feed_id = ?')
      .pluck()
      .get(feed.id);
    expect(keys).toBe(2);
  });
});
