import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import { createSearchIndex } from '../../src/search/index.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import type { SearchIndex } from '../../src/search/types.ts';
import { type Db, migrate, openDb } from '../../src/storage/db.ts';
import { made } from './corpus.ts';

const NOW = Date.parse('2022-06-01T12:00:00+08:00');
let dir: string;
let db: Db;
let index: SearchIndex;
let seq = 0;
const stored = (a: ReturnType<typeof made>): StoredArticle => ({ ...a, seq: ++seq });
const find = (terms: string[], extra: { categories?: string[] } = {}) =>
  index.search({ terms, offset: 0, limit: 20, now: NOW, ...extra });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kx-twins-'));
  db = openDb(join(dir, 't.sqlite'), searchMigrations);
  index = createSearchIndex(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('twins and index maintenance', () => {
  it('indexes twins as one story shown through the post that matches best', () => {
    const at = NOW - 3_600_000;
    const em = stored(
      made('央行降准', ['正文相同。'], { at, category: 'emnews', storyKey: '1', digest: '独家摘要词' }),
    );
    const src = stored(made('央行降准', ['正文相同。'], { at, category: 'cls', storyKey: '1' }));
    index.addMany([em, src]);
    expect(find(['正文相同'])).toMatchObject({ total: 1 });
    expect(find(['独家摘要词']).hits.map((h) => h.seq)).toEqual([em.seq]);
    expect(find(['正文相同'], { categories: ['cls'] }).hits.map((h) => h.seq)).toEqual([src.seq]);
    index.remove([em.seq]);
    expect(find(['独家摘要词']).total).toBe(0);
    expect(find(['降准']).hits.map((h) => h.seq)).toEqual([src.seq]);
    index.remove([src.seq]);
    expect(find(['降准']).total).toBe(0);
    expect(index.count()).toBe(0);
  });

  it('re-adding a post replaces it; posts of the same second all stay findable', () => {
    const base = stored(made('同秒新闻', ['旧内容'], { at: NOW }));
    index.add(base);
    index.add({ ...base, paragraphs: ['新内容'] });
    expect(find(['旧内容']).total).toBe(0);
    expect(find(['新内容']).total).toBe(1);
    const same = Array.from({ length: 6 }, (_, i) => stored(made(`同秒新闻${i}`, ['同一秒'], { at: NOW })));
    index.addMany(same);
    expect(find(['同一秒']).total).toBe(6);
    expect(find(['同秒新闻']).total).toBe(7);
    expect(index.count()).toBe(7);
  });

  it('the title-index migration backfills stories indexed before it', () => {
    index.addMany([stored(made('回填标题测试', ['正文'], { at: NOW }))]);
    db.exec("DROP TABLE search_tri_title; DELETE FROM schema_migrations WHERE id = 'search:2-title-index'");
    expect(migrate(db, searchMigrations)).toEqual(['search:2-title-index']);
    const hit = createSearchIndex(db).search({ terms: ['回填标题'], offset: 0, limit: 5, now: NOW });
    expect(hit.hits[0]?.inTitle).toBe(true);
  });
});
