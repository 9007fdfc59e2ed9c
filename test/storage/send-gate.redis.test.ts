import { afterAll, describe, expect, it } from 'vitest';
import { RedisSendGate } from '../../src/storage/redis/rate-limiter.ts';
import { countKeys, createTestRedis } from '../support/redis.ts';

const r = createTestRedis();
afterAll(async () => {
  await r.cleanup();
});

/** two instances of one bot: separate connections, one key prefix */
function pair(prefix: string, rate: number, privateWindowMs = 1000) {
  const chatLimits = {
    private: { max: 1, windowMs: privateWindowMs },
    group: { max: 20, windowMs: 60_000 },
  };
  return [
    new RedisSendGate({ redis: r.connect(), prefix, rate, chatLimits }),
    new RedisSendGate({ redis: r.connect(), prefix, rate, chatLimits }),
  ] as const;
}

/** the most grants inside any one-second window [t, t + 1000) */
function busiestSecond(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the send gate on Redis, shared by instances', () => {
  it('two instances together never exceed the one rate in any sliding second', async () => {
    const [a, b] = pair(`${r.prefix}rate:`, 10);
    const jobs = [
      ...Array.from({ length: 25 }, (_, i) => a.acquire(1000 + i, i % 4 ? 'push' : 'reply')),
      ...Array.from({ length: 25 }, (_, i) => b.acquire(2000 + i, i % 3 ? 'push' : 'reply')),
    ];
    const times = await Promise.all(jobs);
    expect(times).toHaveLength(50);
    expect(busiestSecond(times)).toBeLessThanOrEqual(10);
    // the rate is used, not just respected: 50 turns at 10/s need about 5 s, not much more
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(4000);
  }, 20_000);

  it('holds a private chat to its window across instances', async () => {
    const [a, b] = pair(`${r.prefix}chat:`, 1000, 300);
    const times = await Promise.all([
      a.acquire(77, 'push'),
      b.acquire(77, 'reply'),
      a.acquire(77, 'reply'),
      b.acquire(77, 'push'),
    ]);
    const s = times.sort((x, y) => x - y);
    for (let i = 1; i < s.length; i++) expect(s[i]! - s[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('a retry_after seen by one instance holds the chat and the pushes of the other', async () => {
    const [a, b] = pair(`${r.prefix}pause:`, 1000);
    const t0 = await a.acquire(5, 'reply');
    await a.onRetryAfter(0.5, 5);
    const [other, push, same] = await Promise.all([
      b.acquire(6, 'reply'),
      b.acquire(8, 'push'),
      b.acquire(5, 'reply'),
    ]);
    expect(other).toBeLessThan(push);
    expect(push - t0).toBeGreaterThanOrEqual(500);
    expect(same - t0).toBeGreaterThanOrEqual(500);
    await b.onRetryAfter(0.3);
    const t1 = await a.acquire(9, 'reply');
    expect(t1 - push).toBeGreaterThanOrEqual(300);
  });

  it('a reply waiting on one instance goes before the pushes queued on the other', async () => {
    // 2/s: each turn is 500 ms, so a loaded machine's polling jitter cannot let pushes slip by
    const [a, b] = pair(`${r.prefix}prio:`, 2);
    const pushes = Array.from({ length: 12 }, (_, i) => b.acquire(3000 + i, 'push'));
    await pushes[3];
    const reply = await a.acquire(4000, 'reply');
    const pushTimes = await Promise.all(pushes);
    // it waited for at most the turn that was due, not for the eight pushes still queued
    expect(pushTimes.filter((t) => t > reply).length).toBeGreaterThanOrEqual(6);
  }, 20_000);

  it('leaves nothing behind but its own prefix, which the cleanup removes', async () => {
    expect(await countKeys(r.url, r.prefix)).toBeGreaterThan(0);
    await r.cleanup();
    expect(await countKeys(r.url, r.prefix)).toBe(0);
  });
});
