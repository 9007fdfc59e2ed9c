import { describe, expect, it } from 'vitest';
import {
  buildData,
  CALLBACK_LIMIT,
  findSlug,
  PAYLOAD_LIMIT,
  PREFIX,
  parseData,
  slugRef,
} from '../../src/telegram/callback-data.ts';
import { createSigner } from '../../src/telegram/signing.ts';

const bytes = (s: string) => Buffer.byteLength(s);
const rest = (data: string, prefix: string) => {
  expect(data.startsWith(prefix)).toBe(true);
  return data.slice(prefix.length);
};

describe('callback data', () => {
  it('reads back what it builds, for every kind of button', () => {
    expect(parseData.read(rest(buildData.read(123456), PREFIX.read))).toBe(123456);
    expect(parseData.searchPage(rest(buildData.searchPage(3, 'AbCdEf12'), PREFIX.searchPage))).toEqual({
      page: 3,
      id: 'AbCdEf12',
    });
    expect(
      parseData.categoryPage(rest(buildData.categoryPage(2, 9, '四川 日报'), PREFIX.categoryPage)),
    ).toEqual({
      page: 2,
      query: '四川 日报',
    });
    expect(parseData.settings(rest(buildData.settings('tz', 4), PREFIX.settings))).toEqual({
      field: 'tz',
      value: '4',
    });
    for (const [build, prefix] of [
      [buildData.subscribe, PREFIX.subscribe],
      [buildData.unsubscribe, PREFIX.unsubscribe],
      [buildData.categoryToggle, PREFIX.categoryToggle],
    ] as const) {
      expect(findSlug(rest(build('sichuanribao'), prefix), [])).toBe('sichuanribao');
    }
  });

  it('keeps the wire format the buttons already in chats carry', () => {
    expect(buildData.read(7)).toBe('read:7');
    expect(buildData.searchPage(1, 'AAAAAAAA')).toBe('srch:1:AAAAAAAA');
    expect(buildData.categoryPage(0, 3, 'x')).toBe('cat:p:0:x');
    expect(buildData.categoryToggle('a')).toBe('cat:t:a');
    expect(buildData.subscribe('a')).toBe('sub:a');
    expect(buildData.unsubscribe('a')).toBe('unsub:a');
    expect(buildData.settings('lang', 'en')).toBe('set:lang:en');
  });

  it('refuses malformed payloads', () => {
    expect(parseData.read('12x')).toBeNull();
    expect(parseData.read('1234567890123')).toBeNull();
    expect(parseData.searchPage('1:short')).toBeNull();
    expect(parseData.searchPage('x:AAAAAAAA')).toBeNull();
    expect(parseData.categoryPage('p:q')).toBeNull();
  });

  it('stands a long slug in for a hash found again among the known slugs', () => {
    const long = `a-very-long-category-slug-${'x'.repeat(40)}`;
    const data = buildData.subscribe(long);
    expect(bytes(data)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    const ref = rest(data, PREFIX.subscribe);
    expect(ref).toBe(slugRef(long));
    expect(findSlug(ref, ['other', long])).toBe(long);
    expect(findSlug(ref, ['other'])).toBeNull();
  });

  it('cuts a long query so the signed page button still fits in 64 bytes', () => {
    const signer = createSigner('123:token');
    const data = buildData.categoryPage(99, 100, '沪深两市成交额'.repeat(10));
    expect(bytes(data)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(bytes(signer.sign(-100123, data))).toBeLessThanOrEqual(CALLBACK_LIMIT);
    // never half a character
    expect(parseData.categoryPage(rest(data, PREFIX.categoryPage))!.query).toMatch(
      /^(沪深两市成交额)*[沪深两市成交额]*$/u,
    );
  });

  it('asserts the limit when it builds, not when Telegram refuses the message', () => {
    expect(() => buildData.searchPage(1, 'x'.repeat(60))).toThrow(/over 55 bytes/);
    expect(() => buildData.settings('tz', 'y'.repeat(60))).toThrow(/over 55 bytes/);
    expect(() => buildData.read(Number.MAX_SAFE_INTEGER)).not.toThrow();
  });
});
