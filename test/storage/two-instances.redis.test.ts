import { afterAll, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness } from '../support/app-harness.ts';
import { createTestRedis } from '../support/redis.ts';
import { command, privateChat, user } from '../support/updates.ts';

const r = createTestRedis();
let h: AppHarness | undefined;
afterAll(async () => {
  await h?.close();
  await r.cleanup();
});

const USERS = 300;

describe('two instances behind a load balancer share one send rate (issue 13)', () => {
  it('300 users in 5 s, updates split between two webhook instances: 0 × 429, nothing in a window', async () => {
    // the fake enforces Telegram's limits: 30/s for the bot, 1/s (burst 3) per private chat;
    // two instances pacing themselves alone send up to 2 × SEND_RATE = 50/s of this 60/s burst
    // and get 429s (checked by hand with REDIS_URL removed)
    h = await appHarness('s3-2022-03-15');
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const urls = [0, 1].map((i) => `http://127.0.0.1:${base + i}/tg/hook`);
    for (const [i, url] of urls.entries()) {
      await h.start({
        WEBHOOK_URL: url,
        WEBHOOK_SECRET: 'a-long-random-secret-123',
        WEBHOOK_PORT: String(base + i),
        REDIS_URL: r.url,
        REDIS_PREFIX: `${r.prefix}bot:`,
        LOG_LEVEL: 'warn',
      });
    }
    const fake = h.fake;
    const users = Array.from({ length: USERS }, (_, i) => user(400_000 + i));
    const posts: Array<Promise<{ status: number }>> = [];
    for (const [i, u] of users.entries()) {
      posts.push(fake.postUpdate(command(privateChat(u), u, 'help'), { url: urls[i % 2]! }));
      // 60 commands a second for 5 s
      if (i % 3 === 2) await new Promise((res) => setTimeout(res, 50));
    }
    const statuses = await Promise.all(posts);
    expect(statuses.every((s) => s.status === 200)).toBe(true);
    const answered = (id: number) => fake.sent(id).filter((m) => m.method === 'sendMessage').length;
    for (const u of users) expect(answered(u.id)).toBe(1);
    expect(fake.retryAfters()).toHaveLength(0);
    expect(fake.violations()).toHaveLength(0);
    expect(h.output.join('\n')).toContain('coordination: redis');
  }, 120_000);
});
