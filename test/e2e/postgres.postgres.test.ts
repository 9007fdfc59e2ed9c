import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { command, privateChat, user } from '../support/updates.ts';

const alice = user(5301, { languageCode: 'zh-hans' });

let h: AppHarness;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  h = await appHarness('s1-2021-12-08-1200');
});
afterAll(async () => {
  await h.close();
  await db.drop();
});

const reply = async (text: string, args = '') => {
  const mark = h.fake.mark();
  h.fake.injectUpdate(command(privateChat(alice), alice, text, args));
  return (await h.fake.waitForSent(alice.id, (m) => m.method === 'sendMessage', { afterSeq: mark }))
    .plainText;
};

describe('kuaixun run with STORAGE_URL=postgres:// (issue 13)', () => {
  it('archives, pushes, searches; a second instance with an empty replica finds it all', {
    timeout: 120_000,
  }, async () => {
    const first = await h.start({ STORAGE_URL: db.url, REPLICA_PATH: join(h.dir, 'replica-a.sqlite') });
    expect(h.output.join('\n')).toMatch(/storage: postgres 127\.0\.0\.1:5432\/kx_/);
    // PostgreSQL without Redis is one instance: the start-up lines say so
    expect(h.output.join('\n')).toMatch(/coordination: none \(REDIS_URL unset\): run one instance only/);
    await until(async () => (await first.deps.articles.count()) === 25, 'the first poll into PostgreSQL');
    expect(await reply('subscribe', 'emnews')).toMatch(/已订阅/);

    h.site.switchTo('s2-2021-12-08-1600');
    const before = await first.deps.articles.maxSeq();
    await first.triggerPoll();
    const fresh = await first.deps.articles.after(before, ['emnews'], 1000);
    expect(fresh.length).toBeGreaterThan(0);
    await first.deps.delivery.drain(60_000);
    const linked = h.fake
      .messages(alice.id)
      .flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url ?? ''));
    // every new emnews post reached alice exactly once, through the PostgreSQL outbox
    expect(fresh.map((a) => a.url).filter((u) => linked.filter((l) => l === u).length !== 1)).toEqual([]);
    const word = fresh[0]!.title.slice(0, 4);
    expect(await reply('search', word)).toMatch(/共 \d+ 条结果/);
    const total = await first.deps.articles.count();
    await first.stop('switch instances');

    // another instance, its replica file new: the chats, archive and search come from PostgreSQL
    const second = await h.start({ STORAGE_URL: db.url, REPLICA_PATH: join(h.dir, 'replica-b.sqlite') });
    expect(await second.deps.articles.count()).toBe(total);
    expect(await reply('list')).toContain('emnews');
    expect(await reply('search', word)).toMatch(/共 \d+ 条结果/);
    const sent = h.fake.messages(alice.id).length;
    await until(async () => (await second.triggerPoll()) !== 'skipped', 'a poll on the second instance');
    await second.deps.delivery.drain(10_000);
    // nothing is pushed twice: the outbox's (chat, story) keys live in PostgreSQL too
    expect(h.fake.messages(alice.id).length).toBe(sent);
    expect(h.output.join('\n')).not.toContain(h.fake.token);
  });
});
