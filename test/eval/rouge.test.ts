import { describe, expect, it } from 'vitest';
import { lcsLength, macroRouge, rouge, rougeTokens } from './rouge.ts';

describe('rougeTokens', () => {
  it('one token per Han character, ASCII letter run and number with decimal point and %', () => {
    expect(rougeTokens('上证指数涨6.35%，报3287.45点')).toEqual([
      '上',
      '证',
      '指',
      '数',
      '涨',
      '6.35%',
      '报',
      '3287.45',
      '点',
    ]);
    expect(rougeTokens('6.35%')).toEqual(['6.35%']);
    expect(rougeTokens('ET7新能源 HFO-1234yf')).toEqual(['et', '7', '新', '能', '源', 'hfo', '1234', 'yf']);
  });

  it('NFKC and lowercase: full-width letters and digits equal half-width; punctuation and spaces dropped', () => {
    expect(rougeTokens('Ａ股　１２％！')).toEqual(rougeTokens('a股 12%'));
    expect(rougeTokens('“”（）《》，。、；：！？…… ,.;')).toEqual([]);
  });
});

describe('rouge', () => {
  it('identical texts score 1.0', () => {
    const text = '四川国寿实现总保费295亿元，较上年同比增长3.7%。';
    expect(rouge(text, text)).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
  });

  it('Chinese texts that share words score above zero and below one', () => {
    const s = rouge('四川国寿实现总保费295亿元', '总保费295亿元，市场份额17.44%');
    expect(s.rouge1).toBeGreaterThan(0);
    expect(s.rouge2).toBeGreaterThan(0);
    expect(s.rougeL).toBeGreaterThan(0);
    expect(s.rougeL).toBeLessThan(1);
  });

  it('computes F1 exactly on a small case', () => {
    // candidate 甲乙丙丁 (4 tokens), reference 甲丙丁戊己 (5 tokens)
    const s = rouge('甲乙丙丁', '甲丙丁戊己');
    expect(s.rouge1).toBeCloseTo((2 * (3 / 4) * (3 / 5)) / (3 / 4 + 3 / 5), 10);
    expect(s.rouge2).toBeCloseTo((2 * (1 / 3) * (1 / 4)) / (1 / 3 + 1 / 4), 10);
    expect(lcsLength(['甲', '乙', '丙', '丁'], ['甲', '丙', '丁', '戊', '己'])).toBe(3);
  });

  it('unrelated or empty texts score 0; the macro average is the mean of pairs', () => {
    expect(rouge('甲乙', '丙丁')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
    expect(rouge('', '甲')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
    const avg = macroRouge([
      { candidate: '甲乙', reference: '甲乙' },
      { candidate: '甲乙', reference: '丙丁' },
    ]);
    expect(avg).toEqual({ rouge1: 0.5, rouge2: 0.5, rougeL: 0.5 });
  });
});
