import { createWatchStore, watchMigrations } from '../../src/chats/watch-store.ts';
import { asyncify } from '../../src/storage/async.ts';
import { openDb } from '../../src/storage/db.ts';
import { watchStoreContract } from './watch-store-contract.ts';

watchStoreContract('SQLite', async () => {
  const db = openDb(':memory:', watchMigrations);
  return {
    store: (now) => asyncify(createWatchStore(db, now)),
    createdAt: async (chatId, term) =>
      db
        .prepare<[number, string], number>('SELECT created_at FROM watches WHERE chat_id = ? AND term = ?')
        .pluck()
        .get(chatId, term),
    close: async () => void db.close(),
  };
});
