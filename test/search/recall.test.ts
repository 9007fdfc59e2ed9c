import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedMatches, type Fixture, openFixture, searchAll } from './fixture.ts';

// 1-8 characters: single characters, cross-word substrings, ambiguous segmentations,
// Traditional input, Latin, digits, stock codes, mixed, full-width, absent queries.
const QUERIES: string[][] = [
  ['茅'],
  ['债'],
  ['准'],
  ['涨'],
  ['寿'],
  ['壽'],
  ['a'],
  ['1'],
  ['😀'],
  ['𠮷'],
  ['%'],
  ['内'],
  ['债期'],
  ['降准'],
  ['茅台'],
  ['国寿'],
  ['保费'],
  ['人寿'],
  ['A股'],
  ['a股'],
  ['期货'],
  ['资金'],
  ['减持'],
  ['白酒'],
  ['沪指'],
  ['会社'],
  ['é'],
  ['新闻'],
  ['公司'],
  ['上涨'],
  ['国债期货'],
  ['准将释'],
  ['降准将释放'],
  ['中國人壽'],
  ['中国人寿'],
  ['600519'],
  ['0519'],
  ['abc123'],
  ['ＡＢＣ１２３'],
  ['ABC'],
  ['四川国寿'],
  ['总保费295亿元'],
  ['株式会社'],
  ['café'],
  ['台湾'],
  ['臺灣'],
  ['0.12%'],
  ['降准消息'],
  ['负债端'],
  ['1.1%'],
  ['2022年'],
  ['人民币'],
  ['不存在的词语'],
  ['zzqx'],
  ['茅台镇酱香'],
  ['𠮷字'],
  ['茅台', '减持'],
  ['茅台', '600519'],
  ['白酒', '茅台'],
  ['保费', '四川'],
  ['准', '降'],
  ['A股', '白酒板块'],
  ['债', '国债期货'],
  ['中國', '壽'],
];

describe('search recall: every article containing the query, nothing else', () => {
  let f: Fixture;
  beforeAll(() => {
    f = openFixture();
  });
  afterAll(() => f.close());

  it('has a real corpus', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(f.articles.length).toBeGreaterThan(70);
    expect(f.index.count()).toBe(f.articles.length);
  });

  it.each(QUERIES.map((q) => [q.join(' '), q] as const))('%s', (_label, terms) => {
    const expected = new Set(expectedMatches(f, terms).map((s) => s.storyKey));
    const { total, hits } = searchAll(f, terms);
    const bySeq = new Map(f.articles.map((a) => [a.seq, a]));
    const got = hits.map((h) => bySeq.get(h.seq)?.storyKey);
    expect(new Set(got)).toEqual(expected);
    expect(got.length).toBe(expected.size); // twins once
    expect(total).toBe(expected.size);
  });

  it('finds the cases the issue names', () => {
    const count = (terms: string[]) => searchAll(f, terms).total;
    expect(count(['债期'])).toBeGreaterThan(0);
    expect(count(['降准'])).toBeGreaterThan(0);
    expect(count(['中國人壽'])).toBeGreaterThanOrEqual(2); // 四川日报 + the Traditional article
    expect(count(['四川国寿'])).toBe(1);
    expect(count(['600519'])).toBeGreaterThan(0);
    expect(count(['ＡＢＣ１２３'])).toBe(count(['abc123']));
    expect(count(['不存在的词语'])).toBe(0);
  });

  it('applies category and time filters exactly', () => {
    const since = Date.parse('2022-05-01T00:00:00+08:00');
    for (const [terms, filter] of [
      [['茅台'], { categories: ['cls'] }],
      [['公司'], { since }],
      [['新闻'], { categories: ['emnews', 'sichuanribao'], since: 0 }],
      [['中国人寿'], { categories: ['hkbiz'] }],
    ] as const) {
      const expected = new Set(expectedMatches(f, terms, filter).map((s) => s.storyKey));
      const { total, hits } = searchAll(f, [...terms], filter);
      expect(total).toBe(expected.size);
      const bySeq = new Map(f.articles.map((a) => [a.seq, a]));
      for (const h of hits) {
        const post = bySeq.get(h.seq)!;
        expect(expected.has(post.storyKey)).toBe(true);
        if (filter.categories) expect(filter.categories).toContain(post.category);
      }
    }
  });

  it('follows removals', () => {
    const before = searchAll(f, ['国债期货']);
    expect(before.total).toBeGreaterThan(0);
    f.index.remove(before.hits.map((h) => h.seq));
    expect(searchAll(f, ['国债期货']).total).toBe(0);
    expect(searchAll(f, ['债期']).hits.some((h) => before.hits.some((b) => b.seq === h.seq))).toBe(false);
  });
});
