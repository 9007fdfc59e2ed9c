import { sourceMigrations } from '../../src/sources/store/schema.ts';
import { createFeedStore } from '../../src/sources/store/sqlite.ts';
import { asyncify } from '../../src/storage/async.ts';
import { openDb } from '../../src/storage/db.ts';
import { feedStoreContract } from './feed-store-contract.ts';

feedStoreContract('SQLite', async () => {
  const db = openDb(':memory:', sourceMigrations);
  return { store: asyncify(createFeedStore(db)), close: async () => void db.close() };
});
