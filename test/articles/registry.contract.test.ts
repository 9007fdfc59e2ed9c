import { createSqliteArchive } from '../../src/articles/archive.ts';
import { createCategoryRegistry } from '../../src/articles/registry.ts';
import { articleMigrations } from '../../src/articles/schema.ts';
import { createArticleStore } from '../../src/articles/store.ts';
import { createSearchIndex } from '../../src/search/index.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import { openDb } from '../../src/storage/db.ts';
import { registryContract } from './registry-contract.ts';

registryContract('SQLite', async () => {
  const db = openDb(':memory:', [...articleMigrations, ...searchMigrations]);
  const archive = createSqliteArchive(db, {
    articles: createArticleStore(db),
    search: createSearchIndex(db),
    log: { error: () => {} },
  });
  return {
    registry: createCategoryRegistry(db),
    archive,
    settle: async () => {},
    close: async () => void db.close(),
  };
});
