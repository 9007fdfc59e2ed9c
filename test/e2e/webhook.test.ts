import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

const bob = user(6101, { languageCode: 'en' });
let h: AppHarness;
beforeAll(async () => {
  h = await appHarness('s3-2022-03-15');
});
afterAll(async () => {
  await h.close();
});

describe('webhook mode through kuaixun run', () => {
  it('registers the webhook with its secret, answers updates, refuses requests without the secret', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}/tg/hook`;
    const app = await h.start({
      WEBHOOK_URL: url,
      WEBHOOK_SECRET: 'a-long-random-secret-123',
      WEBHOOK_PORT: String(port),
    });
    await until(async () => (await app.deps.articles.count()) === 5, 'first poll');
    expect(h.fake.webhook).toMatchObject({ url });
    expect(h.fake.callsTo('getUpdates')).toHaveLength(0);

    const refused = await h.fake.postUpdate(command(privateChat(bob), bob, 'help'), { secretToken: null });
    expect(refused.status).toBe(403);
    const wrong = await h.fake.postUpdate(command(privateChat(bob), bob, 'help'), {
      secretToken: 'nope-nope-nope-nope',
    });
    expect(wrong.status).toBe(403);
    expect(await app.deps.metrics.webhookRefused.get()).toMatchObject({ values: [{ value: 2 }] });
    expect(h.fake.messages(bob.id)).toHaveLength(0);

    const ok = await h.fake.postUpdate(command(privateChat(bob), bob, 'help'));
    expect(ok.status).toBe(200);
    const reply = await h.fake.waitForSent(bob.id, (m) => m.method === 'sendMessage');
    expect(reply.plainText).toMatch(/search|subscribe/i);
    expect(h.output.join('\n')).toMatch(/mode: webhook/);
    // the command menus, Chinese by default and English for English clients, in both chat kinds
    for (const type of ['all_private_chats', 'all_group_chats']) {
      const zh = h.fake.commands({ type });
      const en = h.fake.commands({ type }, 'en');
      expect(zh?.map((c) => c.command)).toEqual(expect.arrayContaining(['sub', 'latest', 'search']));
      expect(zh?.some((c) => /[\u4e00-\u9fff]/.test(c.description))).toBe(true);
      expect(en?.find((c) => c.command === 'search')?.description).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
