import { describe, expect, it } from 'vitest';
import { createStockDirectory, isAShareCode, loadAShares } from '../../src/match/stocks.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

const normalizer = createNormalizer();

describe('the shipped A-share list', () => {
  const shares = loadAShares();

  it('holds a few hundred valid, distinct codes and names', () => {
    expect(shares.length).toBeGreaterThanOrEqual(300);
    expect(shares.filter((s) => !isAShareCode(s.code))).toEqual([]);
    expect(new Set(shares.map((s) => s.code)).size).toBe(shares.length);
    const names = shares.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('knows the pairs the issue names', () => {
    const byCode = new Map(shares.map((s) => [s.code, s.name]));
    expect(byCode.get('600519')).toBe('贵州茅台');
    expect(byCode.get('601318')).toBe('中国平安');
    expect(byCode.get('300750')).toBe('宁德时代');
    expect(byCode.get('600036')).toBe('招商银行');
  });
});

describe('isAShareCode', () => {
  it('accepts the boards and refuses other numbers', () => {
    for (const c of [
      '600519',
      '601318',
      '000001',
      '001979',
      '002594',
      '003816',
      '300750',
      '301001',
      '688981',
    ])
      expect(isAShareCode(c)).toBe(true);
    for (const c of ['830799', '430047', '920002']) expect(isAShareCode(c)).toBe(true);
    for (const c of ['60051', '6005190', '700519', '090001', '2025年', '0388'])
      expect(isAShareCode(c)).toBe(false);
  });
});

describe('expandTerm', () => {
  const dir = createStockDirectory(loadAShares(), { normalizer });

  it('makes a code and its names one entity, whichever is watched', () => {
    expect(dir.expandTerm('600519')).toMatchObject({ key: '600519', terms: ['600519', '贵州茅台', '茅台'] });
    expect(dir.expandTerm('贵州茅台')).toMatchObject({
      key: '600519',
      terms: ['贵州茅台', '600519', '茅台'],
    });
    expect(dir.expandTerm('茅台').key).toBe('600519');
    expect(dir.expandTerm('萬科Ａ')).toMatchObject({ key: '000002', terms: ['万科a', '000002', '万科'] });
  });

  it('leaves other terms, and unknown codes, as themselves', () => {
    expect(dir.expandTerm('降准')).toEqual({ key: '降准', terms: ['降准'] });
    expect(dir.expandTerm('605999')).toEqual({ key: '605999', terms: ['605999'] });
  });

  it('drops a name two codes claim rather than mix the companies', () => {
    const d = createStockDirectory(
      [
        { code: '600001', name: '甲公司', aliases: ['同名'] },
        { code: '600002', name: '乙公司', aliases: ['同名'] },
      ],
      { normalizer },
    );
    expect(d.expandTerm('同名')).toEqual({ key: '同名', terms: ['同名'] });
    expect(d.expandTerm('600001').terms).toEqual(['600001', '甲公司']);
  });
});
