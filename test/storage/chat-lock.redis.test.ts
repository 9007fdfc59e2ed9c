import { afterAll, describe, expect, it } from 'vitest';
import { createChatStore } from '../../src/chats/store.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { allMigrations } from '../../src/storage/migrations.ts';
import { createRedisLock } from '../../src/storage/redis/lock.ts';
import { createTestRedis } from '../support/redis.ts';

const r = createTestRedis();
let storage: Storage | undefined;
afterAll(async () => {
  await storage?.close();
  await r.cleanup();
});

describe('chat sections across instances (Redis lock)', () => {
  it('two instances never run one key’s section at once; other keys run side by side', async () => {
    const a = createRedisLock({ redis: r.connect(), prefix: r.prefix });
    const b = createRedisLock({ redis: r.connect(), prefix: r.prefix });
    let inside = 0;
    let most = 0;
    const section = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((res) => setTimeout(res, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).run('chat:1', section)));
    expect(most).toBe(1);
    const started: number[] = [];
    await Promise.all(
      ['chat:2', 'chat:3'].map((key, i) =>
        (i ? a : b).run(key, async () => {
          started.push(Date.now());
          await new Promise((res) => setTimeout(res, 100));
        }),
      ),
    );
    expect(Math.abs(started[0]! - started[1]!)).toBeLessThan(90);
  });

  it('a section that throws frees its key; a dead holder’s key frees itself after its ttl', async () => {
    const a = createRedisLock({ redis: r.connect(), prefix: r.prefix, ttlMs: 300 });
    await expect(a.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await a.run('k', async () => 'again')).toBe('again');
    // a holder that died mid-section: its key is left behind, and expires
    await r.connect().set(`${r.prefix}lock:gone`, 'dead-holder', 'PX', 300);
    const t0 = Date.now();
    await a.run('gone', async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it('two instances subscribing 60 chats to one source at once keep every one in its index', async () => {
    storage = openStorage({ STORAGE_URL: 'sqlite::memory:' }, allMigrations());
    const make = () =>
      createChatStore(storage!.kv, {
        maxSubscriptions: 50,
        defaultTz: 'Asia/Shanghai',
        lock: createRedisLock({ redis: r.connect(), prefix: `${r.prefix}chats:` }),
      });
    const [one, two] = [make(), make()];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).subscribe(1000 + i, ['emnews'], 1)),
    );
    expect((await one.subscribers('emnews')).sort()).toEqual(Array.from({ length: 60 }, (_, i) => 1000 + i));
    expect(await two.allIds()).toHaveLength(60);
  });
});
