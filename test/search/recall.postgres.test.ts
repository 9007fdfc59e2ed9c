import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNormalizer } from '../../src/search/normalize.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import { openDb } from '../../src/storage/db.ts';
import { createPgSearchIndex } from '../../src/storage/postgres/search.ts';
import { createTestDatabase, testPool } from '../support/postgres.ts';
import { fixtureArticles } from '../support/search-fixture.ts';
import { describeRecall } from './recall-contract.ts';

describeRecall('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const pool = testPool(database.url);
  const dir = mkdtempSync(join(tmpdir(), 'kx-search-pg-'));
  const local = openDb(join(dir, 'replica.sqlite'), searchMigrations);
  const normalizer = createNormalizer();
  const index = createPgSearchIndex(pool, local, { normalizer });
  const articles = fixtureArticles();
  await index.addMany(articles);
  return {
    index,
    normalizer,
    articles,
    async close() {
      local.close();
      rmSync(dir, { recursive: true, force: true });
      await pool.end();
      await database.drop();
    },
  };
});
