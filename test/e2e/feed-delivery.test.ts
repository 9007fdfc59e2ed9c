import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/run.ts';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { type FeedServer, fixtureBytes, startFeedServer } from '../support/feed-server.ts';
import { type MadeItem, makeFeed } from '../support/make-feed.ts';
import { command, privateChat, user } from '../support/updates.ts';

/**
 * Feed and wire items through the whole app the way finews posts go: search, /latest, digests,
 * watch words and urgent break-throughs (issue 10: "everything … must work the same for a feed item").
 */
const dora = user(7101, { languageCode: 'zh-hans' }); // instant, subscribes the feed
const eve = user(7102, { languageCode: 'zh-hans' }); // digest mode: feed and wire
const finn = user(7103, { languageCode: 'zh-hans' }); // watches a word, subscribes nothing

const item = (n: number, word = '要闻'): MadeItem => ({
  title: `宏观周报第${n}期：${word}`,
  text: `第${n}期正文，${word}。`,
  link: `https://macro.example.cn/weekly/${n}`,
  guid: `weekly-${n}`,
  date: new Date(Date.UTC(2026, 11, n, 1, 0)),
});
const weekly = (items: MadeItem[]) =>
  makeFeed({ format: 'rss', title: '宏观周报', link: 'https://macro.example.cn/', items });
const flash = (n: number, title: string): MadeItem => ({
  title,
  text: title,
  link: `https://api3.cls.cn/share/article/${3000000 + n}`,
  guid: `https://api3.cls.cn/share/article/${3000000 + n}`,
  date: new Date(Date.UTC(2026, 11, 6, 3, n)),
});
const clsFeed = (items: MadeItem[]) =>
  makeFeed({ format: 'rss', title: '财联社 - 电报', link: 'https://www.cls.cn/telegraph', items });

let h: AppHarness;
let feeds: FeedServer;
let app: RunningApp;
const FEED_PATH = '/weekly.xml';
// the app's clock: RSSHub's <ttl> (5 minutes in the cls fixtures) holds a wire back until it passes
let offset = 0;
/** lets the wire's <ttl> run out, then reads every due feed */
const nextFeedTick = async () => {
  offset += 10 * 60_000;
  await app.triggerFeeds();
};

beforeAll(async () => {
  feeds = await startFeedServer();
  h = await appHarness('s1-2021-12-08-1200');
  feeds.setRoute(FEED_PATH, { body: weekly([item(2, '通胀'), item(1, '就业')]), etag: true });
  feeds.setRoute('/cls/telegraph', { body: fixtureBytes('wire-cls.xml') });
  feeds.setRoute('/cls/telegraph/red', { body: fixtureBytes('wire-cls-red.xml') });
  app = await h.start(
    {
      FEED_PRIVATE_HOSTS: feeds.host,
      RSSHUB_URL: feeds.url,
      FEED_MIN_INTERVAL: '1ms',
      USER_RATE_LIMIT: '1000',
    },
    { now: () => Date.now() + offset },
  );
  await until(async () => (await app.deps.articles.count()) === 25, 'the first finews poll');
}, 60_000);
afterAll(async () => {
  await h.close();
  await feeds.close();
});

const texts = (chatId: number, mark: number) =>
  h.fake
    .sent()
    .filter((m) => m.seq > mark && m.chatId === chatId && m.method === 'sendMessage')
    .map((m) => m.plainText ?? m.text ?? '');
const say = async (who: typeof dora, name: string, args = ''): Promise<string> => {
  const mark = h.fake.mark();
  h.fake.injectUpdate(command(privateChat(who), who, name, args));
  const m = await h.fake.waitForSent(who.id, (s) => s.method === 'sendMessage', { afterSeq: mark });
  return m.plainText ?? m.text ?? '';
};
/** `/digest now` and everything the chat got for it */
const digestNow = async (who: typeof dora): Promise<string> => {
  const mark = h.fake.mark();
  h.fake.injectUpdate(command(privateChat(who), who, 'digest', 'now'));
  await until(() => texts(who.id, mark).length > 0, 'a digest reply');
  await app.deps.delivery.drain(30_000);
  return texts(who.id, mark).join('\n');
};

describe('feed and wire items go wherever finews posts go', () => {
  it('subscriptions: a feed for dora and eve, the cls wire for eve in digest mode', {
    timeout: 60_000,
  }, async () => {
    expect(await say(dora, 'sub', `${feeds.url}${FEED_PATH}`)).toContain('已订阅：宏观周报');
    expect(await say(eve, 'mode', 'digest')).not.toBe('');
    expect(await say(eve, 'sub', `${feeds.url}${FEED_PATH}`)).toContain('已订阅：宏观周报');
    expect(await say(eve, 'sub', '财联社电报')).toContain('已订阅：财联社电报');
    expect(await say(finn, 'watch', '降息')).not.toBe('');
  });

  it('/search <word> #<feed title> and /latest <feed title> find feed items', {
    timeout: 30_000,
  }, async () => {
    const hit = await say(dora, 'search', '通胀 #宏观周报');
    expect(hit).toContain('宏观周报第2期');
    expect(hit).not.toContain('第1期');
    const latest = await say(dora, 'latest', '宏观周报');
    expect(latest).toContain('宏观周报第2期');
    expect(latest).toContain('宏观周报第1期');
  });

  it('/search finds finews posts and feed items together', { timeout: 30_000 }, async () => {
    // a word the served finews snapshot has, put into a feed item too
    const [post] = await app.deps.articles.latest({ categories: ['emnews'], limit: 1 });
    expect(post).toBeDefined();
    const word = post!.title.slice(0, 4);
    feeds.setRoute(FEED_PATH, {
      body: weekly([item(3, word), item(2, '通胀'), item(1, '就业')]),
      etag: true,
    });
    await nextFeedTick();
    await app.deps.delivery.drain(30_000);
    const both = await say(dora, 'search', word);
    expect(both).toContain('宏观周报第3期');
    expect(both).toContain(post!.title.slice(0, 12));
  });

  it('a new feed item with a watched word reaches a chat that never subscribed, marked 🔔', {
    timeout: 30_000,
  }, async () => {
    const mark = h.fake.mark();
    feeds.setRoute(FEED_PATH, {
      body: weekly([item(4, '央行降息'), item(3, '其他'), item(2, '通胀'), item(1, '就业')]),
      etag: true,
    });
    await nextFeedTick();
    await until(() => texts(finn.id, mark).length > 0, 'the watch push');
    await app.deps.delivery.drain(30_000);
    const pushes = texts(finn.id, mark);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toContain('🔔');
    expect(pushes[0]).toContain('宏观周报第4期');
  });

  it('an urgent wire item reaches a digest-mode chat at once, marked 🔴', { timeout: 30_000 }, async () => {
    const mark = h.fake.mark();
    const red = flash(1, '【央行宣布降准0.5个百分点】财联社12月6日电，央行决定下调存款准备金率。');
    const plain = flash(2, '财联社12月6日电，某券商发布年度策略报告。');
    feeds.setRoute('/cls/telegraph', { body: clsFeed([red, plain]) });
    feeds.setRoute('/cls/telegraph/red', { body: clsFeed([red]) });
    await nextFeedTick();
    await until(() => texts(eve.id, mark).length > 0, 'the urgent push');
    await app.deps.delivery.drain(30_000);
    const pushes = texts(eve.id, mark);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toContain('🔴');
    expect(pushes[0]).toContain('央行宣布降准');
    expect(pushes[0]).not.toContain('券商');
  });

  it('the first digest holds only feed and wire items that came after subscribing', {
    timeout: 60_000,
  }, async () => {
    const first = await digestNow(eve);
    // new since the subscription: weekly 3 and 4, the plain new flash
    for (const t of ['宏观周报第3期', '宏观周报第4期', '某券商发布年度策略报告']) expect(first).toContain(t);
    // present when eve subscribed: never in her digest
    for (const t of ['宏观周报第2期', '宏观周报第1期', '保持流动性合理充裕', '某光伏企业'])
      expect(first).not.toContain(t);
    // the urgent flash already went out on its own: one story reaches a chat once
    expect(first).not.toContain('央行宣布降准');
  });

  it('a later digest holds only what came after the first one', { timeout: 60_000 }, async () => {
    feeds.setRoute(FEED_PATH, {
      body: weekly([item(5, '出口'), item(4, '央行降息'), item(3, '其他'), item(2, '通胀')]),
      etag: true,
    });
    feeds.setRoute('/cls/telegraph', {
      body: clsFeed([
        flash(3, '财联社12月6日电，某银行下调存款利率。'),
        flash(2, '财联社12月6日电，某券商发布年度策略报告。'),
      ]),
    });
    feeds.setRoute('/cls/telegraph/red', { body: clsFeed([]) });
    await nextFeedTick();
    await app.deps.delivery.drain(30_000);
    const later = await digestNow(eve);
    expect(later).toContain('宏观周报第5期');
    expect(later).toContain('某银行下调存款利率');
    for (const t of ['宏观周报第3期', '宏观周报第4期', '某券商发布年度策略报告', '宏观周报第2期'])
      expect(later).not.toContain(t);
  });
});
