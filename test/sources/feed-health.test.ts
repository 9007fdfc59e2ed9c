import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceAlertText } from '../../src/present/source-alert.ts';
import { runFeedCycle } from '../../src/sources/reader/cycle.ts';
import { createFeedHealth } from '../../src/sources/reader/health.ts';
import { createFeed } from '../../src/sources/subscribe/add-feed.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { makeFeed } from '../support/make-feed.ts';
import { buildTestDeps } from '../support/test-deps.ts';

let feeds: FeedServer;
let fake: FakeTelegram;
beforeAll(async () => {
  feeds = await startFeedServer();
  fake = await startFakeTelegram({ rateLimits: false });
});
afterAll(async () => {
  await feeds.close();
  await fake.close();
});

describe('per-feed health', () => {
  it('a feed that parses to nothing three reads in a row alerts the operators once, and recovery once', async () => {
    let clock = Date.parse('2026-12-06T02:00:00Z');
    const t = buildTestDeps({
      now: () => clock,
      env: {
        FEED_PRIVATE_HOSTS: feeds.host,
        TELEGRAM_API_ROOT: fake.apiRoot,
        BOT_TOKEN: fake.token,
        ADMIN_IDS: '77',
        FEED_MIN_INTERVAL: '1m',
      },
    });
    try {
      const good = makeFeed({ format: 'rss', title: '研究', items: [{ title: '一', guid: 'a' }] });
      feeds.setRoute('/h.xml', { body: good });
      const feed = await createFeed(t.deps, { id: 'hfeed', url: `${feeds.url}/h.xml`, title: '' });
      await t.deps.chats.subscribe(5, [feed.slug], clock + 1);
      const health = createFeedHealth(t.deps, sourceAlertText);
      await runFeedCycle(t.deps, health);
      feeds.setRoute('/h.xml', { body: '<html><body>we moved</body></html>', contentType: 'text/html' });
      for (let i = 0; i < 5; i++) {
        clock = ((await t.deps.feeds.get(feed.id))?.nextDueAt ?? clock) + 1;
        await runFeedCycle(t.deps, health);
      }
      const alerts = () => fake.messages(77).map((m) => m.plainText ?? '');
      expect(alerts()).toHaveLength(1);
      expect(alerts()[0]).toContain('研究');
      expect(alerts()[0]).toContain('no longer parse');
      feeds.setRoute('/h.xml', {
        body: makeFeed({
          format: 'rss',
          title: '研究',
          items: [
            { title: '二', guid: 'b' },
            { title: '一', guid: 'a' },
          ],
        }),
      });
      clock = ((await t.deps.feeds.get(feed.id))?.nextDueAt ?? clock) + 1;
      await runFeedCycle(t.deps, health);
      expect(alerts()).toHaveLength(2);
      expect(alerts()[1]).toContain('recovered');
    } finally {
      t.close();
    }
  });
});
