import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategoryRegistry } from '../../src/articles/registry.ts';
import type { CategoryRegistry } from '../../src/articles/types.ts';
import { parseSearch, parseWindow } from '../../src/search/query.ts';
import { type Db, openDb } from '../../src/storage/db.ts';
import { allMigrations } from '../../src/storage/migrations.ts';

let dir: string;
let db: Db;
let registry: CategoryRegistry;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kx-query-'));
  db = openDb(join(dir, 'q.sqlite'), allMigrations());
  registry = createCategoryRegistry(db);
  registry.observe({ slug: 'sichuanribao', source: '四川日报', tag: '四川日报新闻', seenAt: 1 });
  registry.observe({ slug: 'emnews', source: '东财滚动', tag: '东财滚动新闻', seenAt: 1 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseSearch', () => {
  it('splits words (all must appear) and keeps them as typed', () => {
    expect(parseSearch(' 茅台  减持 ', registry)).toMatchObject({ kind: 'query', terms: ['茅台', '减持'] });
    expect(parseSearch('A股　ＡＢＣ', registry)).toMatchObject({ terms: ['A股', 'ＡＢＣ'] });
  });

  it('reads #slug, #source name, #tag and @windows', () => {
    const q = parseSearch('保费 #sichuanribao #东财滚动新闻 @7d', registry);
    expect(q).toMatchObject({ kind: 'query', terms: ['保费'], categories: ['sichuanribao', 'emnews'] });
    expect(q.kind === 'query' && q.window).toBe(7 * 86_400_000);
    expect(parseSearch('保费 #四川日报', registry)).toMatchObject({ categories: ['sichuanribao'] });
    expect(parseWindow('@24h')).toBe(86_400_000);
    expect(parseWindow('@2w')).toBe(14 * 86_400_000);
    expect(parseWindow('@0d')).toBeNull();
    expect(parseWindow('@99999d')).toBeNull();
  });

  it('answers empty, filter-only, unknown and unreadable input with a reason', () => {
    expect(parseSearch('', registry)).toEqual({ kind: 'usage' });
    expect(parseSearch('#sichuanribao @7d', registry)).toEqual({ kind: 'usage' });
    expect(parseSearch('保费 #sichuanribo', registry)).toMatchObject({
      kind: 'unknown-category',
      word: 'sichuanribo',
    });
    expect(parseSearch('保费 @soon', registry)).toEqual({ kind: 'bad-time', word: '@soon' });
  });

  it('caps the query at 100 characters and 8 words', () => {
    const long = parseSearch('长'.repeat(5000), registry);
    expect(long.kind === 'query' && Array.from(long.terms.join('')).length).toBeLessThanOrEqual(40);
    const many = parseSearch('a b c d e f g h i j k', registry);
    expect(many).toMatchObject({ kind: 'query', truncated: true });
    expect(many.kind === 'query' && many.terms.length).toBe(8);
  });
});
