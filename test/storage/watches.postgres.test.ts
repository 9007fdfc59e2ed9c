import { afterAll, describe, expect, it } from 'vitest';
import { createPgWatchStore, migratePgWatches } from '../../src/storage/postgres/watches.ts';
import { watchStoreContract } from '../chats/watch-store-contract.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';

const db = pgTestDatabase(migratePgWatches);
afterAll(() => db.end());

watchStoreContract('PostgreSQL', async () => {
  const pool = await db.shared();
  await pool.query('TRUNCATE watches RESTART IDENTITY');
  return {
    store: (now) => createPgWatchStore(pool, now),
    createdAt: async (chatId, term) => {
      const r = await pool.query<{ created_at: string }>(
        'SELECT created_at FROM watches WHERE chat_id = $1 AND term = $2',
        [chatId, term],
      );
      return r.rows[0] ? Number(r.rows[0].created_at) : undefined;
    },
    close: async () => {},
  };
});

describe('PostgreSQL watch store shared by instances', () => {
  it('migrates idempotently when three instances start at once', async () => {
    const pools = await Promise.all([db.pool(), db.pool(), db.pool()]);
    await Promise.all([...pools, ...pools].map((p) => migratePgWatches(p)));
  });

  it('two instances changing one chat at once: each term goes in once and out once, no deadlock', async () => {
    const a = createPgWatchStore(await db.shared());
    await (await db.shared()).query('TRUNCATE watches');
    const b = createPgWatchStore(await db.pool());
    // opposite orders over many rows: without the chat lock this deadlocks on the primary key
    for (let chatId = 1; chatId <= 5; chatId++) {
      const terms = Array.from({ length: 1000 }, (_, i) => ({ chatId, term: `t${i}`, label: `T${i}` }));
      const [x, y] = await Promise.all([a.add(terms), b.add([...terms].reverse())]);
      expect(x.length + y.length).toBe(1000);
      expect(new Set([...x, ...y].map((e) => e.term)).size).toBe(1000);
      expect(await a.countFor(chatId)).toBe(1000);
      const [p, q] = await Promise.all([a.remove(chatId, 'all'), b.remove(chatId, ['t1', 't2', 't3'])]);
      expect(p.length + q.length).toBe(1000);
      expect(await b.countFor(chatId)).toBe(0);
    }
  });
});
