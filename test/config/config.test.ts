import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskToken } from '../../src/config.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('loadConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c.SITE_URL).toBe('https://finews.withounder.com');
    expect(c.STORAGE_URL).toBe('sqlite://data/kuaixun.sqlite');
    expect(c.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(c.POLL_CRON).toBe('* * * * *');
    expect(c.TZ).toBe('Asia/Shanghai');
    expect(c.SEND_RATE).toBe(25);
    expect(c.RETENTION_DAYS).toBe(30);
    expect(c.DELIVERY_MAX_AGE).toBe(24 * 3600 * 1000);
    expect(c.ADMIN_IDS).toEqual([]);
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as { SEND_RATE: number }).SEND_RATE = 1;
    }).toThrow();
  });

  it('parses lists, durations, a seconds-field cron and trims the site URL', () => {
    const c = loadConfig({
      ADMIN_IDS: '42, -1001',
      DELIVERY_MAX_AGE: '90m',
      POLL_CRON: '*/20 * * * * *',
      SITE_URL: 'http://127.0.0.1:8080/',
      SEND_RATE: 'unlimited',
      PAID_BROADCAST: 'true',
    });
    expect(c.ADMIN_IDS).toEqual([42, -1001]);
    expect(c.DELIVERY_MAX_AGE).toBe(90 * 60_000);
    expect(c.POLL_CRON).toBe('*/20 * * * * *');
    expect(c.SITE_URL).toBe('http://127.0.0.1:8080');
    expect(c.SEND_RATE).toBe(Number.POSITIVE_INFINITY);
    expect(c.BOT_TOKEN).toBeUndefined();
  });

  it.each([
    ['POLL_CRON', 'every minute'],
    ['SITE_URL', 'finews'],
    ['TZ', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_IDS', 'alice'],
    ['SEND_RATE', '0'],
    ['BOT_TOKEN', 'not-a-token'],
    ['STORAGE_URL', 'mysql://x'],
    ['RETENTION_DAYS', '-3'],
    ['DELIVERY_MAX_AGE', 'forever'],
    ['WEBAPP_URL', 'http://kx.example.com/app/'],
    ['WEB_PORT', '70000'],
  ])('a bad %s stops start-up with a message naming the key', (key, value) => {
    let error: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
    expect((error as Error).message).toContain(key);
  });

  it('refuses more than 30 messages/s unless paid broadcasts are on', () => {
    expect(() => loadConfig({ SEND_RATE: '100' })).toThrow(/SEND_RATE/);
    expect(loadConfig({ SEND_RATE: '100', PAID_BROADCAST: 'true' }).SEND_RATE).toBe(100);
  });

  it('needs a secret with a webhook', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.com/hook' })).toThrow(/WEBHOOK_SECRET/);
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(loadConfig({ BOT_TOKEN: '', ADMIN_IDS: '' }).BOT_TOKEN).toBeUndefined();
  });

  it('serves the Mini App only when WEBAPP_URL is set, on WEB_PORT', () => {
    expect(loadConfig({}).WEBAPP_URL).toBeUndefined();
    const c = loadConfig({ WEBAPP_URL: 'https://kx.example.com/app/', WEB_PORT: '9090' });
    expect(c.WEBAPP_URL).toBe('https://kx.example.com/app/');
    expect(c.WEB_PORT).toBe(9090);
  });

  it('masks the token to its bot id', () => {
    expect(maskToken(TOKEN)).toBe('123456789:***');
    expect(maskToken(undefined)).toBe('(none)');
  });
});
