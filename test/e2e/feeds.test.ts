import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/run.ts';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { DEFAULT_BOT } from '../support/fake-telegram/index.ts';
import { type FeedServer, fixtureBytes, startFeedServer } from '../support/feed-server.ts';
import { type MadeItem, makeFeed } from '../support/make-feed.ts';
import { command, groupChat, privateChat, user } from '../support/updates.ts';

const alice = user(7001, { languageCode: 'zh-hans' });
const admin = user(7002);
const group = groupChat(-7401, 'Macro desk');
const CH = -1007000000001;

const item = (n: number, day: number): MadeItem => ({
  title: `晨报第${n}条：市场要闻`,
  text: `<p>第${n}条的正文。</p>`,
  link: `https://morning.example.cn/posts/${n}`,
  guid: `morning-${n}`,
  date: new Date(Date.UTC(2026, 11, day, 1, 0)),
});
const feedOf = (items: MadeItem[]) =>
  makeFeed({ format: 'rss', title: 'A股晨报', link: 'https://morning.example.cn/', items });

let h: AppHarness;
let feeds: FeedServer;
let app: RunningApp;
let FEED: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  h = await appHarness('s1-2021-12-08-1200');
  h.fake.addChat({
    id: group.id,
    type: 'group',
    title: group.title,
    admins: [{ userId: admin.id, status: 'creator' }],
  });
  h.fake.addChat({
    id: CH,
    type: 'channel',
    title: 'Morning channel',
    username: 'morning_ch',
    admins: [{ userId: alice.id, status: 'creator' }],
    bot: { status: 'administrator', canPostMessages: true },
  });
  FEED = `${feeds.url}/morning.xml`;
  feeds.setRoute('/morning.xml', { body: feedOf([item(3, 3), item(2, 2), item(1, 1)]), etag: true });
  feeds.setRoute('/cls/telegraph', { body: fixtureBytes('wire-cls.xml') });
  feeds.setRoute('/cls/telegraph/red', { body: fixtureBytes('wire-cls-red.xml') });
  app = await h.start({ FEED_PRIVATE_HOSTS: feeds.host, RSSHUB_URL: feeds.url, FEED_MIN_INTERVAL: '1ms' });
  await until(async () => (await app.deps.articles.count()) === 25, 'the first finews poll');
}, 60_000);
afterAll(async () => {
  await h.close();
  await feeds.close();
});

/** what the bot said to a chat after a mark */
const said = (chatId: number, mark: number) =>
  h.fake
    .sent()
    .filter((m) => m.seq > mark && m.chatId === chatId && m.method === 'sendMessage')
    .map((m) => m.plainText ?? m.text ?? '');
const reply = async (chatId: number, mark: number) =>
  (await h.fake.waitForSent(chatId, (m) => m.method === 'sendMessage', { afterSeq: mark })).plainText ?? '';

describe('feeds as a new user tries them', () => {
  it('one URL in a private chat, a group and a channel: one feed, one fetch, nothing old', {
    timeout: 60_000,
  }, async () => {
    let mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', FEED));
    expect(await reply(alice.id, mark)).toContain('✅ 已订阅：A股晨报');
    mark = h.fake.mark();
    h.fake.injectUpdate(command(group, admin, 'sub', FEED, { botUsername: DEFAULT_BOT.username }));
    expect(await reply(group.id, mark)).toContain('已订阅：A股晨报');
    mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', `@morning_ch ${FEED}`));
    expect(await reply(alice.id, mark)).toContain('已订阅：A股晨报');

    const feed = (await app.deps.feeds.byUrl(FEED))!;
    expect(await app.deps.chats.subscribers(feed.slug)).toHaveLength(3);
    expect(feeds.hits('/morning.xml')).toBe(1);
    // the first read stored the three items for /latest, and announced none
    expect(await app.deps.articles.latest({ categories: [feed.slug], limit: 10 })).toHaveLength(3);
    mark = h.fake.mark();
    await app.triggerFeeds();
    await app.deps.delivery.drain();
    expect([...said(alice.id, mark), ...said(group.id, mark), ...said(CH, mark)]).toEqual([]);
    expect(feeds.log.at(-1)?.conditional).toBe(true);
  });

  it('new items arrive once in every chat; re-ordered and re-dated old ones never again', {
    timeout: 60_000,
  }, async () => {
    const mark = h.fake.mark();
    // two new items, and the old ones shuffled, one of them re-published with today's date
    feeds.setRoute('/morning.xml', {
      body: feedOf([
        item(5, 5),
        { ...item(1, 1), date: new Date(Date.UTC(2026, 11, 6)) },
        item(4, 4),
        item(3, 3),
        item(2, 2),
      ]),
      etag: true,
    });
    await app.triggerFeeds();
    for (const chat of [alice.id, group.id, CH]) {
      await until(() => said(chat, mark).length >= 2, `two pushes in ${chat}`);
    }
    await app.deps.delivery.drain();
    for (const chat of [alice.id, group.id, CH]) {
      const pushes = said(chat, mark);
      expect(pushes).toHaveLength(2);
      expect(pushes.join('\n')).toContain('晨报第4条');
      expect(pushes.join('\n')).toContain('晨报第5条');
      expect(pushes.join('\n')).not.toMatch(/晨报第[123]条/);
    }
    const again = h.fake.mark();
    feeds.setRoute('/morning.xml', {
      body: feedOf([item(2, 2), item(5, 5), item(4, 4), item(3, 3), item(1, 7)]),
      etag: true,
    });
    await app.triggerFeeds();
    await app.deps.delivery.drain();
    expect([...said(alice.id, again), ...said(group.id, again), ...said(CH, again)]).toEqual([]);
  });

  it('refused URLs get a clear reply and the feed server sees no request', { timeout: 30_000 }, async () => {
    const before = feeds.connections();
    const cases: Array<[string, string]> = [
      [`http://localhost:${new URL(feeds.url).port}/morning.xml`, '不是公网地址'],
      ['ftp://example.com/feed.xml', 'http:// 或 https://'],
      [`http://10.1.2.3/feed.xml`, '不是公网地址'],
    ];
    for (const [url, why] of cases) {
      const mark = h.fake.mark();
      h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', url));
      const text = await reply(alice.id, mark);
      expect(text).toContain('无法订阅');
      expect(text).toContain(why);
    }
    expect(feeds.connections()).toBe(before);
  });

  it('a page URL subscribes the feed it links to, named by the feed', { timeout: 30_000 }, async () => {
    const mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', `${feeds.url}/page-with-link.html`));
    expect(await reply(alice.id, mark)).toContain('已订阅：宏观研究周报');
    expect((await app.deps.feeds.byUrl(`${feeds.url}/rss091.xml`))?.initialized).toBe(true);
  });

  it('/sub 财联社电报 reads the wire through RSSHUB_URL and keeps the urgent flag', {
    timeout: 30_000,
  }, async () => {
    const mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', '财联社电报'));
    expect(await reply(alice.id, mark)).toContain('已订阅：财联社电报');
    const stored = await app.deps.articles.latest({ categories: ['wire-cls'], limit: 10 });
    expect(stored.map((a) => [a.title.slice(0, 8), a.urgent]).sort()).toEqual([
      ['【央行：保持流动', true],
      ['财联社12月6日', false],
    ]);
    const m2 = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'sub', 'cls'));
    expect(await reply(alice.id, m2)).toContain('已经订阅过：财联社电报');
    const m3 = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'latest', '财联社电报'));
    expect(await reply(alice.id, m3)).toContain('央行');
  });

  it('/categories lists the wires next to the finews sources', { timeout: 30_000 }, async () => {
    const mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'categories', '金十'));
    await reply(alice.id, mark);
    const msg = h.fake
      .sent()
      .filter((m) => m.seq > mark && m.chatId === alice.id)
      .at(-1);
    const labels = JSON.stringify(msg?.replyMarkup ?? {});
    expect(labels).toContain('金十');
  });
});
