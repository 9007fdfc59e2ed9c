import { describe, expect, it } from 'vitest';
import { createSummarizer } from '../../src/summarize/index.ts';
import { summaryViolations } from '../eval/invariants.ts';
import { loadRealPosts } from '../eval/posts.ts';

const posts = loadRealPosts();
const summarizer = createSummarizer();

describe('summary invariants over every real post', () => {
  it('reads all 67 posts', () => {
    expect(posts).toHaveLength(67);
    expect(posts.filter((p) => p.digest)).toHaveLength(7);
  });

  for (const p of posts) {
    it(`${p.file}: within budget, whole sentences, balanced, no repeats, true numbers, no boilerplate`, () => {
      const input = { title: p.title, paragraphs: p.paragraphs, digest: p.digest };
      for (const budget of [40, 80, 120, 200]) {
        for (const useDigest of [true, false]) {
          const result = summarizer.summarize(input, { budget, useDigest });
          expect(summaryViolations(input, result, budget), `budget ${budget} useDigest ${useDigest}`).toEqual(
            [],
          );
          expect(result.usedDigest).toBe(useDigest && p.digest !== null);
        }
      }
    });
  }
});

describe('the invariant checker catches broken summaries', () => {
  const input = { title: 't', paragraphs: ['甲公司营收增长5%。乙公司“亏损。', '返回首页'] };
  it('flags budget, invented numbers, cut sentences, repeats and boilerplate', () => {
    const bad = (summary: string, sentences: string[]) =>
      summaryViolations(input, { summary, sentences, usedDigest: false }, 10).join('|');
    expect(bad('甲公司营收增长5%。甲公司营收增长5%。', ['甲公司营收增长5%。', '甲公司营收增长5%。'])).toMatch(
      /over budget.*appears twice/,
    );
    expect(bad('甲公司营收增长6%。', ['甲公司营收增长6%。'])).toMatch(
      /not a whole input sentence.*number not in the article: 6%/,
    );
    expect(bad('乙公司“亏损。', ['乙公司“亏损。'])).toMatch(/unbalanced/);
    expect(bad('返回首页', ['返回首页'])).toMatch(/boilerplate/);
    expect(bad('甲公司营收增长5%。', ['甲公司营收增长5%。'])).toBe('');
  });
});
