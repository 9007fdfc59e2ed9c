import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

const bob = user(5101, { languageCode: 'zh-hans' });
const carol = user(5102, { languageCode: 'zh-hans' });

let h: AppHarness;
beforeAll(async () => {
  h = await appHarness('s1-2021-12-08-1200');
});
afterAll(async () => {
  await h.close();
});

const say = async (who: typeof bob, name: string, args = '') => {
  const mark = h.fake.mark();
  h.fake.injectUpdate(command(privateChat(who), who, name, args));
  await h.fake.waitForSent(who.id, (m) => m.method === 'sendMessage', { afterSeq: mark });
};

describe('a digest carries only what arrived after subscribing', () => {
  it('first digest and a switch from instant to digest list only new posts, once', {
    timeout: 120_000,
  }, async () => {
    // a frozen clock: the first poll, the subscriptions and the next poll share one millisecond,
    // as they may on a fast machine; only the archive's order can tell old from new
    const at = Date.UTC(2021, 11, 8, 8, 0);
    const app = await h.start({ USER_RATE_LIMIT: '1000' }, { now: () => at });
    const { deps } = app;
    await until(async () => (await deps.articles.count()) === 25, 'the first poll to archive s1');
    const archived = (await deps.articles.after(0, ['emnews'], 1000)).map((a) => a.title);
    expect(archived.length).toBeGreaterThan(0);

    await say(bob, 'subscribe', 'emnews');
    await say(bob, 'mode', 'digest');
    await say(carol, 'subscribe', 'emnews');

    h.site.switchTo('s2-2021-12-08-1600');
    const before = await deps.articles.maxSeq();
    await app.triggerPoll();
    const fresh = await deps.articles.after(before, ['emnews'], 1000);
    expect(fresh.length).toBeGreaterThan(0);
    await deps.delivery.drain(60_000);
    // carol (instant) got her pushes; now she switches to digests
    const carolPushes = h.fake.messages(carol.id).length;
    expect(carolPushes).toBeGreaterThan(fresh.length);
    await say(carol, 'mode', 'digest');

    for (const who of [bob, carol]) {
      const mark = h.fake.mark();
      h.fake.injectUpdate(command(privateChat(who), who, 'digest', 'now'));
      await deps.delivery.drain(30_000);
      await until(() => h.fake.messages(who.id).some((m) => m.seq > mark), 'digest reply');
    }
    const bobText = h.fake
      .messages(bob.id)
      .map((m) => m.plainText ?? '')
      .join('\n');
    for (const a of fresh) expect(bobText, a.title).toContain(a.title.slice(0, 20));
    for (const t of archived) expect(bobText, t).not.toContain(t.slice(0, 20));
    // carol had every story pushed already: her digest has nothing to add
    const carolDigest = h.fake.messages(carol.id).slice(carolPushes);
    expect(carolDigest.map((m) => m.plainText ?? '').join('\n')).not.toContain('快讯摘要');
  });
});
