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

describe('reading text back from the articles table', () => {
  it('keeps no second copy and still re-indexes twins and builds snippets', async () => {
    const { allMigrations } = await import('../../src/storage/migrations.ts');
    const { createArticleStore } = await import('../../src/articles/store.ts');
    const adb = openDb(join(dir, 'a.sqlite'), allMigrations());
    try {
      const store = createArticleStore(adb);
      const idx = createSearchIndex(adb);
      const at = NOW - 3_600_000;
      const put = (a: ReturnType<typeof made>) => {
        const s = store.insert(a, '', at).article;
        idx.add(s);
        return s;
      };
      const em = put(
        made('外部正文标题', ['外部正文内容一'], {
          at,
          category: 'emnews',
          storyKey: '77',
          digest: '摘要甲',
        }),
      );
      const src = put(made('外部正文标题', ['外部正文内容一'], { at, category: 'cls', storyKey: '77' }));
      expect(adb.prepare("SELECT count(*) FROM search_docs WHERE body != ''").pluck().get()).toBe(0);
      const q = (terms: string[]) => idx.search({ terms, offset: 0, limit: 5, now: NOW });
      expect(q(['摘要甲']).hits.map((h) => h.seq)).toEqual([em.seq]);
      expect(q(['内容一']).hits[0]?.snippet.text).toContain('外部正文内容一');
      idx.remove([em.seq]);
      expect(q(['摘要甲']).total).toBe(0);
      expect(q(['正文内容']).hits.map((h) => h.seq)).toEqual([src.seq]);
    } finally {
      adb.close();
    }
  });
});
