import { afterAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startupLines } from '../../src/startup-lines.ts';
import { RedisSendGate } from '../../src/storage/redis/rate-limiter.ts';
import { createTestRedis } from '../support/redis.ts';
import { TEST_TOKEN } from '../support/test-deps.ts';

const r = createTestRedis();
const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of closers) await c();
  await r.cleanup();
});

const core = async () => {
  const config = loadConfig({
    BOT_TOKEN: TEST_TOKEN,
    STORAGE_URL: 'sqlite::memory:',
    REDIS_URL: r.url,
    REDIS_PREFIX: `${r.prefix}app:`,
  });
  const c = await buildCore(config, { log: createLogger({ level: 'silent', secrets: [TEST_TOKEN] }) });
  closers.push(async () => {
    await c.coordination?.close();
    await c.storage.close();
  });
  return { config, c };
};

describe('the composition root with REDIS_URL', () => {
  it('shares one send gate and one set of job leases between instances', async () => {
    const a = await core();
    const b = await core();
    expect(a.c.deps.sendGate).toBeInstanceOf(RedisSendGate);
    const key = `poll:${new Date().toISOString()}`;
    const won = await Promise.all([
      a.c.coordination!.shouldRun(key, 5_000),
      b.c.coordination!.shouldRun(key, 5_000),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    // a 429 seen by one instance holds the other's pushes
    await a.c.deps.sendGate.onRetryAfter(0.4, 42);
    const t0 = Date.now();
    await b.c.deps.sendGate.acquire(43, 'push');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    const lines = startupLines(a.config, a.c.storage.path, a.c.coordination).join('\n');
    expect(lines).toContain('coordination: redis redis://127.0.0.1:6379');
    expect(lines).not.toContain(TEST_TOKEN);
  });
});
