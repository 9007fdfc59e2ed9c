import { describe, expect, it } from 'vitest';
import { createStockDirectory, loadAShares } from '../../src/match/stocks.ts';
import { createWatchIndex } from '../../src/match/watch-index.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

const normalizer = createNormalizer();
const stocks = createStockDirectory(loadAShares(), { normalizer });
const text = (s: string) => normalizer.normalize(s);
const summary = (hits: { chatId: number; terms: { term: string; matched: string }[] }[]) =>
  Object.fromEntries(hits.map((h) => [h.chatId, h.terms.map((t) => `${t.term}:${t.matched}`)]));

describe('createWatchIndex', () => {
  it('gives each chat the terms it watches that the text contains', () => {
    const idx = createWatchIndex(
      [
        { chatId: 1, term: '600519' },
        { chatId: 2, term: '贵州茅台' },
        { chatId: 2, term: '降准' },
        { chatId: 3, term: '宁德时代' },
      ],
      { normalizer, stocks },
    );
    expect(summary(idx.hits(text('贵州茅台公告：央行降准')))).toEqual({
      1: ['600519:贵州茅台'],
      2: ['贵州茅台:贵州茅台', '降准:降准'],
    });
    expect(summary(idx.hits(text('代码600519涨停')))).toEqual({
      1: ['600519:600519'],
      2: ['贵州茅台:600519'],
    });
    expect(idx.hits(text('基金16005190净值'))).toEqual([]);
  });

  it('reports each watched entity once however often it occurs, with the first place', () => {
    const idx = createWatchIndex([{ chatId: 7, term: '茅台' }], { normalizer, stocks });
    expect(idx.hits(text('茅台，茅台，还是600519'))).toEqual([
      { chatId: 7, terms: [{ term: '茅台', matched: '茅台', start: 0, end: 2 }] },
    ]);
  });

  it('stores shared terms once', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => [
      { chatId: i, term: '降准' },
      { chatId: i, term: i % 2 ? '600519' : '贵州茅台' },
    ]).flat();
    const idx = createWatchIndex(entries, { normalizer, stocks });
    expect(idx.stats()).toMatchObject({ chats: 5000, entities: 2, watches: 10_000, patterns: 4 });
    expect(idx.hits(text('降准')).length).toBe(5000);
  });

  it('rebuilds lazily: only a new pattern costs a rebuild, once, at the next hits()', () => {
    const idx = createWatchIndex([{ chatId: 1, term: '降准' }], { normalizer, stocks });
    idx.hits('');
    expect(idx.stats().rebuilds).toBe(1);
    idx.add(2, '降准');
    idx.remove(1, '降准');
    idx.hits('降准');
    expect(idx.stats().rebuilds).toBe(1);
    idx.add(3, '降息');
    idx.add(3, '加息');
    expect(summary(idx.hits(text('降息 加息 降准')))).toEqual({
      3: ['降息:降息', '加息:加息'],
      2: ['降准:降准'],
    });
    expect(idx.stats().rebuilds).toBe(2);
  });

  it('forgets removed watches and chats', () => {
    const idx = createWatchIndex(
      [
        { chatId: 1, term: '600519' },
        { chatId: 1, term: '降准' },
        { chatId: 2, term: '降准' },
      ],
      { normalizer, stocks },
    );
    expect(idx.remove(1, '贵州茅台')).toBe(true);
    expect(idx.remove(1, '贵州茅台')).toBe(false);
    idx.removeChat(2);
    expect(summary(idx.hits(text('贵州茅台 降准')))).toEqual({ 1: ['降准:降准'] });
    expect(idx.stats()).toMatchObject({ chats: 1, entities: 1, watches: 1, patterns: 1 });
  });

  it('refuses bad terms with a reason instead of throwing', () => {
    const idx = createWatchIndex([], { normalizer, stocks, limits: { maxTerms: 3 } });
    expect(idx.add(1, '   ')).toEqual({ ok: false, reason: 'empty' });
    expect(idx.add(1, 'x'.repeat(41))).toEqual({ ok: false, reason: 'too-long' });
    expect(idx.add(1, '600519')).toMatchObject({ ok: true });
    expect(idx.add(1, '降准')).toEqual({ ok: false, reason: 'too-many' });
    expect(idx.stats().watches).toBe(1);
  });
});
