import { afterEach, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import type { StoredArticle } from '../../src/articles/types.ts';
import { createDelivery, type OutboxDelivery } from '../../src/delivery/index.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { FAST_CHAT_LIMITS, FAST_FAKE_LIMITS } from '../support/delivery-harness.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';
import { buildTestDeps, TEST_TOKEN, type TestDeps } from '../support/test-deps.ts';

let site: SiteServer | undefined;
let fake: FakeTelegram | undefined;
let t: TestDeps | undefined;
afterEach(async () => {
  await t?.deps.delivery.stop();
  t?.close();
  await fake?.close();
  await site?.close();
});

/** the post URLs linked from every message a chat received */
const linkedUrls = (fake: FakeTelegram, chatId: number) =>
  fake
    .messages(chatId)
    .flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url ?? ''));

describe('push scenario: snapshot s1 served, chats subscribed, site switched to s2', () => {
  it('delivers every new post once to the right chats, valid HTML, no 429s, nothing old', async () => {
    site = await startSiteServer({ snapshot: 's1-2021-12-08-1200' });
    fake = await startFakeTelegram({ token: TEST_TOKEN, rateLimits: FAST_FAKE_LIMITS });
    let delivery: OutboxDelivery | undefined;
    t = buildTestDeps({
      siteUrl: site.url,
      env: { TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'warn' },
      delivery: (base) => {
        delivery = createDelivery(base, pushRenderer, {
          chatLimits: FAST_CHAT_LIMITS,
          sendRate: 1000,
          idleMs: 20,
        });
        return delivery;
      },
    });
    const { deps } = t;
    const first = await poll(deps);
    expect(first.firstRun).toBe(true);
    const before = await deps.articles.maxSeq();
    const slugs = deps.registry.all().map((c) => c.slug);
    expect(slugs).toContain('emnews');

    const everything = 501;
    const group = -1_001_234_567_890;
    const digestChat = 502;
    await deps.chats.ensure(everything, { kind: 'private' });
    await deps.chats.subscribe(everything, slugs, Date.now());
    await deps.chats.ensure(group, { kind: 'supergroup' });
    await deps.chats.subscribe(group, ['emnews'], Date.now());
    await deps.chats.ensure(digestChat, { kind: 'private' });
    await deps.chats.subscribe(digestChat, slugs, Date.now());
    await deps.chats.update(digestChat, { mode: 'digest' });

    site.switchTo('s2-2021-12-08-1600');
    const second = await poll(deps);
    expect(second.stored).toBeGreaterThan(0);
    deps.delivery.start();
    await deps.delivery.drain(20_000);

    const fresh: StoredArticle[] = await deps.articles.after(before, null, 1000);
    const stories = (list: StoredArticle[]) => {
      const byStory = new Map<string, string[]>();
      for (const a of list)
        byStory.set(a.storyKey || a.id, [...(byStory.get(a.storyKey || a.id) ?? []), a.url]);
      return [...byStory.values()];
    };
    const all = await deps.articles.after(0, null, 1000);
    const check = (chatId: number, expected: StoredArticle[]) => {
      const urls = linkedUrls(fake!, chatId);
      for (const twins of stories(expected)) {
        const hits = urls.filter((u) => twins.includes(u)).length;
        expect(hits, `chat ${chatId}: ${twins[0]}`).toBe(1);
      }
      const old = new Set(all.filter((a) => a.seq <= before).map((a) => a.url));
      expect(urls.filter((u) => old.has(u))).toEqual([]);
    };
    // only the 28 new posts: the first poll's 25 were on the site before anyone subscribed
    const known = new Set(slugs);
    check(
      everything,
      fresh.filter((a) => known.has(a.category)),
    );
    check(
      group,
      fresh.filter((a) => a.category === 'emnews'),
    );
    expect(fake.messages(digestChat)).toEqual([]);
    expect(fake.rejected()).toEqual([]);
    expect(fake.retryAfters()).toEqual([]);
    expect(delivery?.sender.fatal).toBe(false);
  }, 60_000);
});
