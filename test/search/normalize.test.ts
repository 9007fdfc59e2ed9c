import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNormalizer, toOriginalRange } from '../../src/search/normalize.ts';

const n = createNormalizer();

describe('normalize', () => {
  it.each([
    ['中國人壽', '中国人寿'],
    ['臺灣後來', '台湾后来'],
    ['ＡＢＣ１２３', 'abc123'],
    ['A股', 'a股'],
    ['  多个\u3000空格\n\n换行 ', '多个 空格 换行'],
    ['降\u200b准', '降准'],
    ['㍿', '株式会社'],
    ['cafe\u0301', 'café'],
    ['ｶﾞ', 'ガ'],
    ['衞生', '卫生'],
  ])('%s → %s', (input, output) => {
    expect(n.normalize(input)).toBe(output);
  });

  it('keeps Simplified text as it is', () => {
    const text = '中国人寿四川省分公司实现总保费295亿元。较上年同比增长3.7%';
    expect(n.normalize(text)).toBe(text);
    expect(n.normalize('亿元，较（上年）')).toBe('亿元,较(上年)');
  });

  const textArb = fc.string({
    unit: fc.constantFrom(...'中國国人壽寿ＡａBb1１ 　\n㍿e\u0301é😀\u200b,，'.split('')),
    maxLength: 30,
  });

  it('is idempotent', () => {
    fc.assert(fc.property(textArb, (s) => n.normalize(n.normalize(s)) === n.normalize(s)));
  });

  it('maps a substring into a substring (what exact substring search relies on)', () => {
    fc.assert(
      fc.property(textArb, textArb, textArb, (a, b, c) => {
        // a query cannot start with a combining mark that the text attaches to the letter before
        // (and é is not e: a mark right after the query changes its last letter)
        const mark = /^[\p{M}\uff9e\uff9f]/u;
        if (mark.test(b) || mark.test(c)) return true;
        const inner = n.normalize(b);
        return inner === '' || n.normalize(a + b + c).includes(inner);
      }),
    );
  });

  it('maps every normalized unit back to the original range it came from', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        const m = n.normalizeMapped(s);
        expect(m.text).toBe(n.normalize(s));
        for (let i = 0; i < m.text.length; i++) {
          const [from, to] = toOriginalRange(m, i, i + 1);
          const piece = n.normalize(s.slice(from, to));
          if (m.text[i] !== ' ') expect(piece).toContain(m.text[i]);
        }
      }),
    );
  });
});
