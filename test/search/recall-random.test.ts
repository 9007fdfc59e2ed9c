import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, generateArticle } from '../../bench/search-corpus.ts';
import { articleBody } from '../../src/search/index.ts';
import { expectedMatches, type Fixture, NOW, openFixture, searchAll } from '../support/search-fixture.ts';

/**
 * Recall and precision on queries nobody chose: 1-8 character substrings cut at random out
 * of random articles (the real snapshot posts and 300 generated financial news), single and
 * in pairs, compared with brute force over the normalized texts.
 */
describe('search recall on random substrings', () => {
  let f: Fixture;
  beforeAll(() => {
    const r = createRandom(2026);
    f = openFixture(Array.from({ length: 300 }, (_, i) => generateArticle(r, i + 1, 300, NOW, 200)));
  });
  afterAll(() => f.close());

  const sample = (r: ReturnType<typeof createRandom>): string => {
    for (;;) {
      const a = r.pick(f.articles);
      const chars = Array.from(r.next() < 0.3 ? a.title : articleBody(a));
      if (chars.length === 0) continue;
      const len = r.int(1, 8);
      const start = r.int(0, Math.max(0, chars.length - len));
      const q = chars.slice(start, start + len).join('');
      if (!/\s/.test(q)) return q;
    }
  };

  it('finds exactly the stories containing 120 random queries', () => {
    const r = createRandom(7);
    const bySeq = new Map(f.articles.map((a) => [a.seq, a]));
    for (let i = 0; i < 120; i++) {
      const terms = i % 4 === 3 ? [sample(r), sample(r)] : [sample(r)];
      const expected = new Set(expectedMatches(f, terms).map((s) => s.storyKey));
      const { total, hits } = searchAll(f, terms);
      const got = hits.map((h) => bySeq.get(h.seq)?.storyKey);
      expect({ terms, total, got: new Set(got) }).toEqual({ terms, total: expected.size, got: expected });
      expect(got.length).toBe(expected.size);
    }
  });
});
