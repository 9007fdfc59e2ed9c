import { describe, expect, it } from 'vitest';
import { allowList, feedAllowList, isAllowedHost, isPublicAddress } from '../../src/sources/fetch/address.ts';
import { backoffDelay, DAY_MS } from '../../src/sources/fetch/backoff.ts';

describe('isPublicAddress', () => {
  it.each([
    '0.0.0.0',
    '10.1.2.3',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    '2001:db8::1',
    'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '169.253.0.1',
    '223.5.5.5',
    '2400:3200::1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('allows %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('backoffDelay', () => {
  it('is zero before any failure and doubles from the base, jittered in the upper half', () => {
    const lo = { baseMs: 60_000, random: () => 0 };
    const hi = { baseMs: 60_000, random: () => 0.999999 };
    expect(backoffDelay(0, lo)).toBe(0);
    expect([1, 2, 3].map((n) => backoffDelay(n, lo))).toEqual([30_000, 60_000, 120_000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, hi))).toEqual([60_000, 120_000, 240_000]);
  });

  it('never waits more than a day, however many failures', () => {
    for (const n of [20, 100, 10_000]) {
      expect(backoffDelay(n, { baseMs: 60_000, random: () => 0.999999 })).toBeLessThanOrEqual(DAY_MS);
      expect(backoffDelay(n, { baseMs: 60_000, random: () => 0 })).toBe(DAY_MS / 2);
    }
    expect(backoffDelay(5, { baseMs: 1000, maxMs: 4000, random: () => 0.999999 })).toBe(4000);
  });
});

describe('allow-list', () => {
  it("adds RSSHUB_URL's host:port to FEED_PRIVATE_HOSTS and matches host or host:port", () => {
    const allow = allowList(feedAllowList([' Intranet.Example ', '10.0.0.5:8080'], 'http://rsshub:1200/'));
    expect([...allow]).toEqual(['intranet.example', '10.0.0.5:8080', 'rsshub:1200']);
    expect(isAllowedHost(allow, new URL('https://intranet.example:8443/feed'))).toBe(true);
    expect(isAllowedHost(allow, new URL('http://10.0.0.5:8080/x'))).toBe(true);
    expect(isAllowedHost(allow, new URL('http://10.0.0.5/x'))).toBe(false);
    expect(isAllowedHost(allow, new URL('http://rsshub:1200/cls/telegraph'))).toBe(true);
    expect(isAllowedHost(allow, new URL('http://rsshub/cls/telegraph'))).toBe(false);
    expect(feedAllowList([], 'https://rss.example.cn')).toEqual(['rss.example.cn:443']);
  });
});
