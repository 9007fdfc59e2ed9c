import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery, SearchResult } from '../../src/search/types.ts';
import { type Corpus, expectedMatches, NOW } from '../support/search-fixture.ts';

/**
 * The recall contract every search backend meets: every story containing the query and
 * nothing else, twins once, exact totals, filters and removals. recall.test.ts runs it on the
 * SQLite index, recall.postgres.test.ts on the PostgreSQL one, over the same corpus.
 */
export interface RecallSubject extends Corpus {
  index: {
    search(query: SearchQuery): SearchResult | Promise<SearchResult>;
    remove(seqs: readonly number[]): unknown;
    count(): number | Promise<number>;
  };
  close(): unknown;
}

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

/** every hit of a query, page by page */
async function searchAll(f: RecallSubject, terms: string[], filter: Partial<SearchQuery> = {}) {
  const hits = [];
  let total = -1;
  for (let offset = 0; ; offset += 7) {
    const r = await f.index.search({ terms, offset, limit: 7, now: NOW, ...filter });
    if (total < 0) total = r.total;
    hits.push(...r.hits);
    if (r.hits.length < 7) break;
  }
  return { total, hits };
}

export function describeRecall(backend: string, open: () => RecallSubject | Promise<RecallSubject>): void {
  describe(`search recall on ${backend}: every article containing the query, nothing else`, () => {
    let f: RecallSubject;
    beforeAll(async () => {
      f = await open();
    }, 120_000);
    afterAll(async () => {
      await f?.close();
    });

    it('has a real corpus', async () => {
      expect(QUERIES.length).toBeGreaterThanOrEqual(40);
      expect(f.articles.length).toBeGreaterThan(70);
      expect(await f.index.count()).toBe(f.articles.length);
    });

    it.each(QUERIES.map((q) => [q.join(' '), q] as const))('%s', async (_label, terms) => {
      const expected = new Set(expectedMatches(f, terms).map((s) => s.storyKey));
      const { total, hits } = await searchAll(f, [...terms]);
      const bySeq = new Map(f.articles.map((a) => [a.seq, a]));
      const got = hits.map((h) => bySeq.get(h.seq)?.storyKey);
      expect(new Set(got)).toEqual(expected);
      expect(got.length).toBe(expected.size); // twins once
      expect(total).toBe(expected.size);
    });

    it('finds the cases the issue names', async () => {
      const count = async (terms: string[]) => (await searchAll(f, terms)).total;
      expect(await count(['债期'])).toBeGreaterThan(0);
      expect(await count(['降准'])).toBeGreaterThan(0);
      expect(await count(['中國人壽'])).toBeGreaterThanOrEqual(2); // 四川日报 + the Traditional article
      expect(await count(['四川国寿'])).toBe(1);
      expect(await count(['600519'])).toBeGreaterThan(0);
      expect(await count(['ＡＢＣ１２３'])).toBe(await count(['abc123']));
      expect(await count(['不存在的词语'])).toBe(0);
    });

    it('applies category and time filters exactly', async () => {
      const since = Date.parse('2022-05-01T00:00:00+08:00');
      for (const [terms, filter] of [
        [['茅台'], { categories: ['cls'] }],
        [['公司'], { since }],
        [['新闻'], { categories: ['emnews', 'sichuanribao'], since: 0 }],
        [['中国人寿'], { categories: ['hkbiz'] }],
      ] as const) {
        const expected = new Set(expectedMatches(f, terms, filter).map((s) => s.storyKey));
        const { total, hits } = await searchAll(f, [...terms], filter);
        expect(total).toBe(expected.size);
        const bySeq = new Map(f.articles.map((a) => [a.seq, a]));
        for (const h of hits) {
          const post = bySeq.get(h.seq)!;
          expect(expected.has(post.storyKey)).toBe(true);
          if (filter.categories) expect(filter.categories).toContain(post.category);
        }
      }
    });

    it('follows removals', async () => {
      const before = await searchAll(f, ['国债期货']);
      expect(before.total).toBeGreaterThan(0);
      await f.index.remove(before.hits.map((h) => h.seq));
      expect((await searchAll(f, ['国债期货'])).total).toBe(0);
      const after = await searchAll(f, ['债期']);
      expect(after.hits.some((h) => before.hits.some((b) => b.seq === h.seq))).toBe(false);
    });
  });
}
