import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSummarizer } from '../../src/summarize/index.ts';
import { splitSentences } from '../../src/summarize/split.ts';
import { charLength } from '../../src/summarize/text.ts';

const summarizer = createSummarizer();

// text made of the pieces that trouble splitters: punctuation, quotes, brackets, decimals, URLs
const piece = fc.constantFrom(
  '央行',
  '宣布',
  '下调',
  '存款准备金率',
  '0.25',
  '个百分点',
  '1.80%',
  '3287.45点',
  '。',
  '！',
  '？',
  '；',
  '……',
  '，',
  '“',
  '”',
  '（',
  '）',
  '《',
  '》',
  '(',
  ')',
  'A股',
  'Apple rose.',
  ' ',
  '\n',
  'http://a.cn/x?y=1.2',
  '2)',
  '——',
  '內',
  '😀',
  '\u3000',
  '据悉，这也',
  '：',
);
const paragraph = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));

describe('summarizer properties (random text)', () => {
  it('never throws; whole input sentences, no repeats, within budget or a single sentence', () => {
    fc.assert(
      fc.property(
        fc.array(paragraph, { maxLength: 8 }),
        paragraph,
        fc.option(paragraph, { nil: null }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (paragraphs, title, digest, budget, useDigest) => {
          const r = summarizer.summarize({ title, paragraphs, digest }, { budget, useDigest });
          const source = r.usedDigest ? [digest ?? ''] : paragraphs;
          const sentences = splitSentences(source).map((s) => s.text);
          for (const s of r.sentences) expect(sentences).toContain(s);
          expect(new Set(r.sentences).size).toBe(r.sentences.length);
          if (r.sentences.length > 1) expect(charLength(r.summary)).toBeLessThanOrEqual(budget);
          if (sentences.length > 0) expect(r.sentences.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('splitting loses no characters except whitespace at sentence ends', () => {
    fc.assert(
      fc.property(paragraph, (p) => {
        const joined = splitSentences([p])
          .map((s) => s.text)
          .join('');
        expect(joined.replace(/\s/g, '')).toBe(p.replace(/\s/g, ''));
      }),
      { numRuns: 400 },
    );
  });

  it('a huge article stays bounded', () => {
    const para = '央行宣布下调存款准备金率0.25个百分点，释放长期资金约5300亿元。';
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `${i}号文件：${para}`);
    const r = summarizer.summarize({ title: '降准', paragraphs }, { budget: 1e9 });
    expect(r.sentences.length).toBeGreaterThan(0);
  });
});
