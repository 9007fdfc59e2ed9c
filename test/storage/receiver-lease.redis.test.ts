import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';
import { createTestRedis } from '../support/redis.ts';
import { command, privateChat, user } from '../support/updates.ts';

const r = createTestRedis();
let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(async () => {
  await r.cleanup();
});

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('the receiver lease in one instance', () => {
  it('polls only while it holds the lease; keeps its other duties meanwhile; polls again on return', async () => {
    h = await appHarness('s3-2022-03-15');
    const prefix = `${r.prefix}bot:`;
    const app = await h.start({ REDIS_URL: r.url, REDIS_PREFIX: prefix, RECEIVER_LEASE: '1500ms' });
    const fake = h.fake;
    const gets = () => fake.callsTo('getUpdates').length;
    await until(() => gets() > 0, 'first getUpdates');

    // another holder appears (as when this instance stalled past its ttl): polling stops here
    const redis = r.connect();
    await redis.set(`${prefix}lease:receiver`, 'someone-else', 'PX', 60_000);
    await until(() => h!.output.some((l) => l.includes('receiver lease lost')), 'lease lost');
    // the held getUpdates ends at once (aborted); a poll that raced it ends within the fake's hold
    await sleep(2_500);
    const after = gets();
    await sleep(3_000);
    expect(gets()).toBe(after);
    // still running its other duties: a job tick runs, the app did not stop
    expect(await app.triggerPoll()).toBe('ran');
    let stopped = false;
    void app.done.then(() => (stopped = true));
    await sleep(10);
    expect(stopped).toBe(false);

    // the other holder is gone: this instance takes the lease back and answers again
    await redis.del(`${prefix}lease:receiver`);
    const alice = user(82_001);
    const mark = fake.mark();
    fake.injectUpdate(command(privateChat(alice), alice, 'help'));
    await fake.waitForSent(alice.id, (m) => m.method === 'sendMessage', {
      afterSeq: mark,
      timeoutMs: 20_000,
    });
    expect(fake.rejected({ method: 'getUpdates' })).toEqual([]);

    // a clean stop hands the lease over at once instead of leaving it to expire
    await app.stop('test over');
    expect(await redis.exists(`${prefix}lease:receiver`)).toBe(0);
  }, 60_000);

  it('a 409 while holding the lease is waited out, not fatal as it is for a lone instance', async () => {
    h = await appHarness('s3-2022-03-15');
    const app = await h.start({
      REDIS_URL: r.url,
      REDIS_PREFIX: `${r.prefix}409:`,
      RECEIVER_LEASE: '1500ms',
    });
    const fake = h.fake;
    await until(() => fake.callsTo('getUpdates').length > 0, 'first getUpdates');
    fake.setPollingConflict(true);
    await until(() => h!.output.some((l) => l.includes('could not start polling')), 'a retry');
    fake.setPollingConflict(false);
    let stopped = false;
    void app.done.then(() => (stopped = true));
    const bob = user(82_002);
    const mark = fake.mark();
    fake.injectUpdate(command(privateChat(bob), bob, 'help'));
    await fake.waitForSent(bob.id, (m) => m.method === 'sendMessage', { afterSeq: mark, timeoutMs: 20_000 });
    expect(stopped).toBe(false);
  }, 60_000);
});
