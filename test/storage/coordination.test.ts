import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { defaultPrefix, openCoordination } from '../../src/storage/redis/index.ts';

const TOKEN = '123456:TEST-token-for-kuaixun-tests-only';

describe('REDIS_URL and REDIS_PREFIX', () => {
  it('a bad value stops start-up naming the key', () => {
    for (const [key, value] of [
      ['REDIS_URL', 'http://127.0.0.1:6379'],
      ['REDIS_URL', 'redis://host with space'],
      ['REDIS_PREFIX', 'has space'],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ [key]: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toBe(key);
      expect((error as Error).message).toContain(key);
    }
  });

  it('without REDIS_URL nothing connects: one instance, everything in process', () => {
    const config = loadConfig({ BOT_TOKEN: TOKEN });
    expect(openCoordination(config, createLogger({ level: 'silent', secrets: [] }))).toBeUndefined();
  });

  it('keys start with the bot id, never the secret half of the token', () => {
    const prefix = defaultPrefix(loadConfig({ BOT_TOKEN: TOKEN }));
    expect(prefix).toBe('kuaixun:123456:');
    expect(prefix).not.toContain('TEST-token');
    expect(defaultPrefix(loadConfig({ BOT_TOKEN: TOKEN, REDIS_PREFIX: 'bot-a:' }))).toBe('bot-a:');
  });
});
