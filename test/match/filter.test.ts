import { describe, expect, it } from 'vitest';
import { compileFilter, evaluateFilter } from '../../src/match/filter.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

const normalizer = createNormalizer();
const text = (s: string) => normalizer.normalize(s);

describe('evaluateFilter', () => {
  it('passes everything when no words are given', () => {
    expect(evaluateFilter({ include: [], exclude: [] }, text('任何消息'))).toEqual({ pass: true });
  });

  it('needs any include word', () => {
    const f = { include: ['降准', '降息'], exclude: [] };
    expect(evaluateFilter(f, text('央行宣布降息25个基点'))).toEqual({ pass: true, included: '降息' });
    expect(evaluateFilter(f, text('沪指收涨0.52%'))).toEqual({ pass: false, reason: 'no-include' });
  });

  it('refuses any exclude word, even with an include word present', () => {
    const f = { include: ['降准'], exclude: ['广告'] };
    expect(evaluateFilter(f, text('降准利好 广告：开户送礼'))).toEqual({
      pass: false,
      reason: 'excluded',
      excluded: '广告',
    });
    expect(evaluateFilter({ include: [], exclude: ['广告'] }, text('降准'))).toEqual({ pass: true });
  });

  it('normalises raw words when compiled with the normaliser, and keeps codes whole', () => {
    const f = compileFilter({ include: ['臺積電', '600519'], exclude: ['ＡＤ'] }, { normalizer });
    expect(evaluateFilter(f, text('台积电营收创新高'))).toEqual({ pass: true, included: '台积电' });
    expect(evaluateFilter(f, text('基金代码16005190'))).toEqual({ pass: false, reason: 'no-include' });
    expect(evaluateFilter(f, text('600519 ad inside'))).toMatchObject({ pass: false, excluded: 'ad' });
    expect(evaluateFilter(f, text('600519 loaded'))).toEqual({ pass: true, included: '600519' });
  });
});
