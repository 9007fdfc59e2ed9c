import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleBody } from '../../src/search/index.ts';
import { FRESH_WINDOW } from '../../src/search/plan.ts';
import { type Fixture, NOW, openFixture, searchAll, stories } from '../support/search-fixture.ts';
import { made } from './corpus.ts';

const DAY = 86_400_000;

describe('search ranking and snippets', () => {
  let f: Fixture;
  beforeAll(() => {
    // a spread of ages around the 90-day line, title and body-only matches
    const extra = [];
    for (let i = 0; i < 30; i++) {
      const at = NOW - (i * 7 + 1) * DAY;
      extra.push(
        i % 3 === 0
          ? made(`第${i}期 指数基金观察`, [`本期讨论市场。`], { at })
          : made(`市场观察第${i}期`, [`今日指数基金申购回暖，第${i}期。`], { at }),
      );
    }
    f = openFixture(extra);
  });
  afterAll(() => f.close());

  const key = (seq: number, terms: string[]) => {
    const a = f.articles.find((x) => x.seq === seq)!;
    const story = stories(f).find((s) => s.storyKey === a.storyKey)!;
    const inTitle = terms.every((t) => story.title.includes(f.normalizer.normalize(t)));
    return { fresh: story.at >= NOW - FRESH_WINDOW, inTitle, at: story.at };
  };

  it.each([[['指数基金']], [['茅台']], [['公司']], [['指', '基']], [['a']], [['期']]])(
    'orders %j: last 90 days first, then title matches, then newest',
    (terms) => {
      const { hits } = searchAll(f, terms);
      expect(hits.length).toBeGreaterThan(1);
      const keys = hits.map((h) => ({ ...key(h.seq, terms), flag: h.inTitle }));
      for (const k of keys) expect(k.flag).toBe(k.inTitle);
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1]!, keys[i]!];
        const rank = (k: typeof a) => [Number(k.fresh), Number(k.inTitle), k.at];
        const [ra, rb] = [rank(a), rank(b)];
        const cmp = ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]!;
        expect(cmp).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it('puts an old title match after a recent body-only match', () => {
    const { hits } = searchAll(f, ['指数基金']);
    const firstOld = hits.findIndex((h) => !key(h.seq, ['指数基金']).fresh);
    expect(firstOld).toBeGreaterThan(0);
    expect(hits.slice(firstOld).some((h) => h.inTitle)).toBe(true);
    expect(hits.slice(0, firstOld).some((h) => !h.inTitle)).toBe(true);
  });

  it('pages without overlap and reports the total on every page', () => {
    const all = searchAll(f, ['期']);
    const seqs = all.hits.map((h) => h.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const far = f.index.search({ terms: ['期'], offset: 10_000, limit: 5, now: NOW });
    expect(far).toEqual({ total: all.total, hits: [] });
  });

  it.each([['茅台'], ['会社'], ['é'], ['降准消息'], ['中國人壽'], ['ＡＢＣ１２３'], ['%'], ['负债端']])(
    'snippet of %s: original text, every mark covers a match',
    (q) => {
      const term = f.normalizer.normalize(q);
      const { hits } = searchAll(f, [q]);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) {
        const a = f.articles.find((x) => x.seq === h.seq)!;
        const plain = h.snippet.text.replace(/^…|…$/g, '');
        const source = (articleBody(a) || a.title).replace(/\s/g, ' ');
        expect(source).toContain(plain);
        expect(h.snippet.text.length).toBeLessThanOrEqual(140);
        if (!f.normalizer.normalize(articleBody(a)).includes(term)) continue;
        expect(h.snippet.marks.length).toBeGreaterThan(0);
        for (const [s, e] of h.snippet.marks) {
          expect(f.normalizer.normalize(h.snippet.text.slice(s, e))).toContain(term);
        }
      }
    },
  );

  it('returns nothing for empty or blank terms', () => {
    expect(f.index.search({ terms: [], offset: 0, limit: 5, now: NOW })).toEqual({ total: 0, hits: [] });
    expect(f.index.search({ terms: ['  ', '\u200b'], offset: 0, limit: 5, now: NOW }).total).toBe(0);
  });

  it('treats FTS syntax in a query as literal text', () => {
    for (const q of ['"', '"茅台"', 'AND', 'a OR b', '*', 'NEAR(a b)', 'title:茅台', '^茅']) {
      const r = f.index.search({ terms: [q], offset: 0, limit: 5, now: NOW });
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
    expect(f.index.search({ terms: ['"茅台"'], offset: 0, limit: 5, now: NOW }).total).toBe(0);
  });
});
