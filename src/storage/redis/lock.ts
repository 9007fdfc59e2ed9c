import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inOrder, KeyedLock } from '../../chats/lock.ts';
import type { CriticalSections } from '../../chats/types.ts';
import { redisKeys } from './keys.ts';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisLockOptions {
  redis: Redis;
  /** the bot's key prefix */
  prefix: string;
  /** a holder that died frees the key after this long; longer than any read-modify-write */
  ttlMs?: number;
  /** give up waiting (the caller's command fails and is retried by the user) */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Critical sections across instances: a chat record and the reverse indexes (`subs:<slug>`,
 * the list of all chats) are read-modify-written through keyv, so two instances changing one
 * chat at once would lose a write. One Redis key per section (SET NX PX, released only by its
 * holder); in-process callers queue on a local lock first, so only one of them polls Redis.
 */
export function createRedisLock(o: RedisLockOptions): CriticalSections {
  const local = new KeyedLock();
  const ttl = o.ttlMs ?? 30_000;
  const wait = o.waitMs ?? 60_000;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const me = randomBytes(6).toString('hex');
  const keys = redisKeys(o.prefix);
  let n = 0;
  const acquire = async (key: string): Promise<string> => {
    const token = `${me}:${n++}`;
    const until = Date.now() + wait;
    for (let pause = 2; ; pause = Math.min(50, pause * 2)) {
      if ((await o.redis.set(key, token, 'PX', ttl, 'NX')) === 'OK') return token;
      if (Date.now() > until) throw new Error(`lock ${key} still held after ${wait} ms`);
      await sleep(pause);
    }
  };
  const run = <T>(name: string, fn: () => Promise<T>): Promise<T> =>
    local.run(name, async () => {
      const key = keys.lock(name);
      const token = await acquire(key);
      try {
        return await fn();
      } finally {
        await o.redis.eval(RELEASE, 1, key, token).catch(() => {
          // unreachable Redis: the key expires by itself after ttl
        });
      }
    });
  return { run, runMany: (names, fn) => inOrder({ run }, names, fn) };
}
