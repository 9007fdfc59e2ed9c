import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTerm, createMatcher } from '../../src/match/matcher.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

const normalizer = createNormalizer();

/** the rule written again, independently: an ASCII digit/letter edge must not touch its own class */
function whole(text: string, start: number, end: number): boolean {
  const cls = (ch: string | undefined) =>
    ch === undefined ? '' : /[0-9]/.test(ch) ? 'd' : /[a-z]/i.test(ch) ? 'l' : '';
  const term = text.slice(start, end);
  const l = cls(term[0]);
  const r = cls(term[term.length - 1]);
  if (l && cls(text[start - 1]) === l) return false;
  if (r && cls(text[end]) === r) return false;
  return true;
}

function bruteForce(pairs: [number, string][], text: string): string[] {
  const out: string[] = [];
  for (const [id, raw] of pairs) {
    const term = normalizer.normalize(raw);
    if (term.length === 0 || term.length > 40) continue;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (whole(text, at, at + term.length)) out.push(`${id}@${at}-${at + term.length}`);
    }
  }
  return out.sort();
}

const units = [
  '茅',
  '台',
  '贵',
  '州',
  '沪',
  '指',
  '涨',
  '6',
  '0',
  '5',
  '1',
  '9',
  'a',
  'i',
  's',
  'd',
  ' ',
  '%',
];
const unit = fc.constantFrom(...units);
const term = fc.string({ unit, minLength: 1, maxLength: 6 });
const code = fc.constantFrom('600519', '601318', '300750', '000001', '688981', '8300', '60051');

describe('createMatcher', () => {
  it('equals a brute-force matcher on random texts and term sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(term, code), { minLength: 1, maxLength: 25 }),
        fc.array(fc.oneof(unit, code), { maxLength: 120 }).map((parts) => parts.join('')),
        (terms, rawText) => {
          const pairs = terms.map((t, i) => [i, t] as [number, string]);
          const text = normalizer.normalize(rawText);
          const got = createMatcher(pairs, { normalizer })
            .match(text)
            .map((h) => `${h.id}@${h.start}-${h.end}`)
            .sort();
          expect(got).toEqual(bruteForce(pairs, text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('matches a stock code only as a whole code', () => {
    const m = createMatcher([['moutai', '600519']], { normalizer });
    expect(m.match('代码16005190的基金')).toEqual([]);
    expect(m.match('6005190')).toEqual([]);
    expect(m.match('贵州茅台(600519)涨停').map((h) => h.start)).toEqual([5]);
    expect(m.match('sh600519').map((h) => h.start)).toEqual([2]);
  });

  it('keeps Latin words whole and normalises terms like search does', () => {
    const m = createMatcher(
      [
        [1, 'AI'],
        [2, '臺積電'],
        [3, 'ＥＴＦ'],
      ],
      { normalizer },
    );
    const text = normalizer.normalize('He said AI chips; 台积电 ETF inflows');
    expect(m.match(text).map((h) => [h.id, h.term])).toEqual([
      [1, 'ai'],
      [2, '台积电'],
      [3, 'etf'],
    ]);
  });

  it('stores a shared term once and reports every id', () => {
    const m = createMatcher(
      [
        [1, '降准'],
        [2, '降准'],
        [3, '降息'],
      ],
      { normalizer },
    );
    expect(m.terms).toEqual(['降准', '降息']);
    expect(m.match('央行宣布降准').map((h) => h.id)).toEqual([1, 2]);
  });

  it('rejects empty, over-long and over-count terms instead of throwing', () => {
    const m = createMatcher(
      [
        [1, '  '],
        [2, '长'.repeat(41)],
        [3, '甲'],
        [4, '乙'],
        [5, '甲'],
      ],
      { normalizer, limits: { maxTerms: 1 } },
    );
    expect(m.rejected.map((r) => [r.id, r.reason])).toEqual([
      [1, 'empty'],
      [2, 'too-long'],
      [4, 'too-many'],
    ]);
    expect(m.match('甲乙').map((h) => h.id)).toEqual([3, 5]);
    expect(checkTerm(' Ｍoutai ', normalizer)).toEqual({ ok: true, term: 'moutai' });
  });
});

describe('linear work', () => {
  const cjk = fc.integer({ min: 0x4e00, max: 0x4e40 }).map((c) => String.fromCharCode(c));
  const digit = fc.constantFrom('0', '1', '5', '6', '9');

  it('takes at most 2 transitions per code unit plus one per occurrence, for 10,000 terms', () => {
    const terms = fc.sample(fc.string({ unit: fc.oneof(cjk, digit), minLength: 1, maxLength: 8 }), {
      numRuns: 10_000,
      seed: 12,
    });
    const m = createMatcher(
      terms.map((t, i) => [i, t] as [number, string]),
      { normalizer },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(cjk, digit), maxLength: 3000 }), (text) => {
        const { stats } = m.matchWithStats(text);
        expect(stats.transitions).toBeLessThanOrEqual(2 * text.length + stats.rawHits);
      }),
      { numRuns: 100 },
    );
  });

  it('stays linear on the worst case of nested terms (a, aa, aaa, …)', () => {
    const m = createMatcher(
      Array.from({ length: 40 }, (_, i) => [i, 'a'.repeat(i + 1)] as [number, string]),
      { normalizer },
    );
    const text = 'a'.repeat(5000) + 'b' + 'a'.repeat(5000);
    const { hits, stats } = m.matchWithStats(text);
    expect(stats.transitions).toBeLessThanOrEqual(2 * text.length + stats.rawHits);
    // whole-word rule: only the terms that span a whole run of letters survive
    expect(hits).toEqual([]);
    expect(stats.rawHits).toBeGreaterThan(300_000);
  });
});
