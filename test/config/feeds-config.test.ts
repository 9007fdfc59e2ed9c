import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('feed settings', () => {
  it('defaults: open to everyone, 5-minute minimum interval, public RSSHub', () => {
    const c = loadConfig({});
    expect(c.FEEDS).toBe('open');
    expect(c.MAX_FEEDS_PER_CHAT).toBe(50);
    expect(c.MAX_FEEDS).toBe(5000);
    expect(c.FEED_PRIVATE_HOSTS).toEqual([]);
    expect(c.RSSHUB_URL).toBe('https://rsshub.app');
    expect(c.FEED_MIN_INTERVAL).toBe(5 * 60_000);
    expect(c.WIRES_FILE).toBeUndefined();
  });

  it('parses host lists, durations and trims the RSSHub URL', () => {
    const c = loadConfig({
      FEEDS: 'admins',
      FEED_PRIVATE_HOSTS: 'Intranet.example, 10.0.0.5:8080 ,[::1]:1200',
      RSSHUB_URL: 'http://127.0.0.1:1200/',
      FEED_MIN_INTERVAL: '2s',
    });
    expect(c.FEEDS).toBe('admins');
    expect(c.FEED_PRIVATE_HOSTS).toEqual(['intranet.example', '10.0.0.5:8080', '[::1]:1200']);
    expect(Object.isFrozen(c.FEED_PRIVATE_HOSTS)).toBe(true);
    expect(c.RSSHUB_URL).toBe('http://127.0.0.1:1200');
    expect(c.FEED_MIN_INTERVAL).toBe(2000);
  });

  it.each([
    ['FEEDS', 'sometimes'],
    ['FEED_PRIVATE_HOSTS', 'http://x/'],
    ['RSSHUB_URL', 'ftp://rsshub.example'],
    ['FEED_MIN_INTERVAL', '5 minutes'],
    ['MAX_FEEDS_PER_CHAT', '-1'],
  ])('a bad %s stops start-up naming the key', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`Invalid ${key}`));
  });
});
