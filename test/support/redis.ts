import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  /** every key a test writes starts with this; nothing else in the database is touched */
  prefix: string;
  url: string;
  /** a new connection (close it with `quit()`, or let `cleanup` do it) */
  connect(): Redis;
  /** deletes this run's keys and closes the connections made through `connect` */
  cleanup(): Promise<void>;
}

/** A key prefix of its own for one test file on TEST_REDIS_URL; never FLUSHDB, never a bare clear(). */
export function createTestRedis(): TestRedis {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: this suite needs a Redis server');
  const prefix = `kxtest:${randomBytes(6).toString('hex')}:`;
  const clients: Redis[] = [];
  const connect = () => {
    const r = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    clients.push(r);
    return r;
  };
  return {
    prefix,
    url,
    connect,
    async cleanup() {
      const r = new Redis(url);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length) await r.del(...keys);
        } while (cursor !== '0');
      } finally {
        r.disconnect();
        for (const c of clients.splice(0)) c.disconnect();
      }
    },
  };
}

/** how many keys of this run are left (tests check their own cleanup with it) */
export async function countKeys(url: string, prefix: string): Promise<number> {
  const r = new Redis(url);
  try {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      n += keys.length;
    } while (cursor !== '0');
    return n;
  } finally {
    r.disconnect();
  }
}
