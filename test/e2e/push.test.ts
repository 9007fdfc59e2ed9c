import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { DEFAULT_BOT } from '../support/fake-telegram/index.ts';
import { command, groupChat, privateChat, user } from '../support/updates.ts';

const alice = user(5001, { languageCode: 'zh-hans' });
const admin = user(5002);
const group = groupChat(-4001, 'Finance team');

let h: AppHarness;
beforeAll(async () => {
  h = await appHarness('s1-2021-12-08-1200');
  h.fake.addChat({
    id: group.id,
    type: 'group',
    title: group.title,
    admins: [{ userId: admin.id, status: 'creator' }],
  });
});
afterAll(async () => {
  await h.close();
});

describe('push scenario as a new user tries it', () => {
  it('s1 archived silently, s2 delivers every new post once to the right chats, restart repeats nothing', {
    timeout: 120_000,
  }, async () => {
    const app = await h.start();
    const { deps } = app;
    await until(async () => (await deps.articles.count()) === 25, 'the first poll to archive s1');
    expect(h.fake.messages()).toHaveLength(0);

    const mark = h.fake.mark();
    h.fake.injectUpdate(command(privateChat(alice), alice, 'subscribe', 'emnews'));
    h.fake.injectUpdate(
      command(group, admin, 'subscribe', 'sitenews emnews', { botUsername: DEFAULT_BOT.username }),
    );
    await h.fake.waitForSent(alice.id, (m) => m.method === 'sendMessage', { afterSeq: mark });
    await h.fake.waitForSent(group.id, (m) => m.method === 'sendMessage', { afterSeq: mark });
    await until(async () => (await deps.chats.subscribers('emnews')).length === 2, 'both subscriptions');
    const confirmations = h.fake.messages().length;

    h.site.switchTo('s2-2021-12-08-1600');
    const before = await deps.articles.maxSeq();
    await app.triggerPoll();
    const fresh = await deps.articles.after(before, null, 1000);
    expect(fresh).toHaveLength(28);
    await deps.delivery.drain(90_000);
    expect((await deps.delivery.stats()).pending).toBe(0);

    const pushes = h.fake.messages().slice(confirmations);
    const toAlice = pushes.filter((m) => m.chatId === alice.id);
    const toGroup = pushes.filter((m) => m.chatId === group.id);
    const wanted = (slugs: string[]) => fresh.filter((a) => slugs.includes(a.category)).map((a) => a.url);
    const linked = (ms: typeof pushes) =>
      ms.flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url ?? ''));
    // a rollup may gather a burst into one message; every post is linked exactly once either way
    expect(
      linked(toAlice)
        .filter((u) => u.includes('/emnews/'))
        .sort(),
    ).toEqual(wanted(['emnews']).sort());
    // a private chat can take 60 a minute: 28 posts arrive one message each
    expect(toAlice).toHaveLength(wanted(['emnews']).length);
    expect(
      linked(toGroup)
        .filter((u) => /\/(emnews|sitenews)\//.test(u))
        .sort(),
    ).toEqual(wanted(['emnews', 'sitenews']).sort());
    expect(h.fake.rejected({ reason: 'validation' })).toHaveLength(0);
    expect(h.fake.violations()).toHaveLength(0);
    expect(h.fake.retryAfters()).toHaveLength(0);

    await app.stop('restart');
    await app.stop('twice is fine');
    const sentBefore = h.fake.messages().length;
    const again = await h.start();
    await until(async () => (await again.triggerPoll()) !== 'skipped', 'a poll after restart');
    await again.deps.delivery.drain(10_000);
    expect(h.fake.messages().length).toBe(sentBefore);
    expect(h.output.join('\n')).not.toContain(h.fake.token);
    expect(h.output.join('\n')).toMatch(/config: token \d+:\*\*\*/);
  });
});
