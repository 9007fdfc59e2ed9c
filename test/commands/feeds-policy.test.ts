import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCleanOutput, type Harness, OPERATOR_ID, startHarness, texts } from '../support/bot-harness.ts';
import { type FeedServer, startFeedServer } from '../support/feed-server.ts';
import { command, privateChat, user } from '../support/updates.ts';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(async () => {
  await feeds.close();
});

const operator = user(OPERATOR_ID);
const someone = user(8101, { languageCode: 'en' });

async function withHarness(env: Record<string, string>, fn: (h: Harness) => Promise<void>) {
  const h = await startHarness({ env: { FEED_PRIVATE_HOSTS: feeds.host, ...env } });
  try {
    await fn(h);
    assertCleanOutput(h.fake);
  } finally {
    await h.close();
  }
}

describe('who may add feed URLs', () => {
  it('FEEDS=admins: only ADMIN_IDS; others are told so and nothing is fetched', async () => {
    await withHarness({ FEEDS: 'admins' }, async (h) => {
      const url = `${feeds.url}/rss20.xml`;
      const before = feeds.connections();
      const refused = texts(await h.send(command(privateChat(someone), someone, 'sub', url))).join('\n');
      expect(refused).toContain("Only the bot's operators can subscribe to feed URLs");
      expect(feeds.connections()).toBe(before);
      const ok = texts(await h.send(command(privateChat(operator), operator, 'sub', url))).join('\n');
      expect(ok).toMatch(/已订阅：\S+/);
      expect(feeds.hits('/rss20.xml')).toBe(1);
      const gone = texts(await h.send(command(privateChat(operator), operator, 'unsub', url))).join('\n');
      expect(gone).toContain('已取消订阅');
      expect((await h.deps.chats.get(OPERATOR_ID))?.subscriptions ?? {}).toEqual({});
    });
  });

  it('FEEDS=off refuses everyone; the per-chat cap refuses before any request', async () => {
    await withHarness({ FEEDS: 'off' }, async (h) => {
      const text = texts(
        await h.send(command(privateChat(operator), operator, 'sub', `${feeds.url}/atom10.xml`)),
      );
      expect(text.join('\n')).toContain('本机器人没有开放订阅网址');
    });
    await withHarness({ MAX_FEEDS_PER_CHAT: '1' }, async (h) => {
      await h.send(command(privateChat(someone), someone, 'sub', `${feeds.url}/rss20.xml`));
      const before = feeds.connections();
      const text = texts(
        await h.send(command(privateChat(someone), someone, 'sub', `${feeds.url}/atom10.xml`)),
      );
      expect(text.join('\n')).toContain('at most 1 feed URLs');
      expect(feeds.connections()).toBe(before);
    });
  });

  it('a malformed feed, a page without a feed and a hanging URL each get their reason', async () => {
    await withHarness({ FEED_TIMEOUT: '1s' }, async (h) => {
      const ask = async (path: string) =>
        texts(await h.send(command(privateChat(someone), someone, 'sub', `${feeds.url}${path}`))).join('\n');
      expect(await ask('/malformed.xml')).toContain('cannot be read');
      expect(await ask('/page-without-feed.html')).toContain('No RSS/Atom feed found');
      expect(await ask('/hang')).toContain('took too long');
      expect(await ask('/huge')).toContain('too large');
      expect((await h.deps.chats.get(someone.id))?.subscriptions ?? {}).toEqual({});
    });
  });
});

describe('right after the first start', () => {
  it('a name not resolvable yet gets "still reading", not "not found", while the first poll runs', async () => {
    await withHarness({}, async (h) => {
      const state = await h.deps.pollState.load();
      await h.deps.pollState.save({ ...state, inProgress: true });
      const zh = texts(await h.send(command(privateChat(operator), operator, 'sub', '四川晚报'))).join('\n');
      expect(zh).toContain('还在读取来源列表，请过一分钟再试');
      expect(zh).not.toContain('没有找到来源');
      const latest = texts(await h.send(command(privateChat(operator), operator, 'latest', '四川晚报'))).join(
        '\n',
      );
      expect(latest).toContain('还在读取来源列表');
      const en = texts(await h.send(command(privateChat(someone), someone, 'sub', 'sichuanwanbao'))).join(
        '\n',
      );
      expect(en).toContain('Still reading the list of sources, try again in a minute');
      // names it already knows still subscribe at once
      expect(
        texts(await h.send(command(privateChat(operator), operator, 'sub', '四川日报'))).join('\n'),
      ).toContain('已订阅');
      await h.deps.pollState.save({ ...state, initialized: true });
      expect(
        texts(await h.send(command(privateChat(operator), operator, 'sub', '四川晚报'))).join('\n'),
      ).toContain('没有找到来源');
    });
  });
});
