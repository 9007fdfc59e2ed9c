import { describe, expect, it } from 'vitest';
import { createSqliteArchive } from '../../src/articles/archive.ts';
import { articleMigrations } from '../../src/articles/schema.ts';
import { createArticleStore } from '../../src/articles/store.ts';
import { createSearchIndex } from '../../src/search/index.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import type { SearchIndex } from '../../src/search/types.ts';
import { asyncify } from '../../src/storage/async.ts';
import { openDb } from '../../src/storage/db.ts';
import { archiveContract, article } from './archive-contract.ts';

function sqlite(wrap: (index: SearchIndex) => SearchIndex = (i) => i) {
  const db = openDb(':memory:', [...articleMigrations, ...searchMigrations]);
  const articles = createArticleStore(db);
  const index = createSearchIndex(db);
  const errors: Array<[object, string]> = [];
  const archive = createSqliteArchive(db, {
    articles,
    search: wrap(index),
    log: { error: (obj: object, msg: string) => void errors.push([obj, msg]) } as never,
  });
  return { db, articles, index, archive, errors };
}

archiveContract('SQLite', async () => {
  const s = sqlite();
  return {
    store: asyncify(s.articles),
    archive: s.archive,
    search: asyncify(s.index),
    close: async () => void s.db.close(),
  };
});

const failingAdd = (err: Error) => (index: SearchIndex) => ({
  ...index,
  add: () =>
    void (() => {
      throw err;
    })(),
});

describe('SQLite archive: an indexer failure', () => {
  it('that is not SQLite’s is logged and the article kept', async () => {
    const s = sqlite(failingAdd(new Error('indexer bug')));
    const out = await s.archive.insertMany([{ article: article(1), summary: '' }], 1);
    expect(out.map((r) => r.inserted)).toEqual([true]);
    expect(s.articles.count()).toBe(1);
    expect(s.errors).toEqual([[{ err: new Error('indexer bug'), seq: 1 }, 'search index add failed']]);
    s.db.close();
  });

  it('from SQLite fails the whole batch', async () => {
    const err = Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    const s = sqlite(failingAdd(err));
    await expect(
      s.archive.insertMany(
        [
          { article: article(1), summary: '' },
          { article: article(2), summary: '' },
        ],
        1,
      ),
    ).rejects.toThrow('disk full');
    expect(s.articles.count()).toBe(0);
    expect(s.errors).toEqual([]);
    s.db.close();
  });
});
