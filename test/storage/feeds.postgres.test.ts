import { afterAll, describe, expect, it } from 'vitest';
import { createPgFeedStore, migratePgFeeds } from '../../src/storage/postgres/feeds.ts';
import { feedStoreContract } from '../sources/feed-store-contract.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';

const db = pgTestDatabase(migratePgFeeds);
afterAll(() => db.end());

feedStoreContract('PostgreSQL', async () => {
  const pool = await db.shared();
  await pool.query('TRUNCATE feeds, feed_seen');
  return { store: createPgFeedStore(pool), close: async () => {} };
});

const T = 1_765_000_000_000;
const wire = (id: string) => ({
  id,
  slug: `wire-${id}`,
  kind: 'wire' as const,
  url: `https://w.example/${id}`,
});

describe('PostgreSQL feed store shared by instances', () => {
  it('migrates idempotently when three instances start at once', async () => {
    const pools = await Promise.all([db.pool(), db.pool(), db.pool()]);
    await Promise.all([...pools, ...pools].map((p) => migratePgFeeds(p)));
    const r = await pools[0]!.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('feeds', 'feed_seen')",
    );
    expect(r.rows[0]).toEqual({ n: 2 });
  });

  it('two instances adding one feed at once both get the one stored record', async () => {
    const pool = await db.shared();
    await pool.query('TRUNCATE feeds, feed_seen');
    const a = createPgFeedStore(pool);
    const b = createPgFeedStore(await db.pool());
    for (let i = 0; i < 20; i++) {
      const [x, y] = await Promise.all([a.add(wire(`w${i}`), T + i), b.add(wire(`w${i}`), T + i + 1)]);
      expect(x).toEqual(y);
    }
    expect(await a.count('wire')).toBe(20);
  });

  it('two instances seeing overlapping keys in opposite orders neither deadlock nor lose one', async () => {
    const pool = await db.shared();
    await pool.query('TRUNCATE feeds, feed_seen');
    const a = createPgFeedStore(pool);
    const b = createPgFeedStore(await db.pool());
    await a.add(wire('cls'), T);
    for (let round = 0; round < 5; round++) {
      const ks = Array.from({ length: 1000 }, (_, i) => `r${round}:${i}`);
      await Promise.all([a.see('cls', ks, T + 1), b.see('cls', [...ks].reverse(), T + 2)]);
      expect(await b.unseen('cls', ks)).toEqual([]);
    }
    expect(await a.forget('cls', T + 2)).toBe(0);
    expect(await a.forget('cls', T + 3)).toBe(5000);
  });
});
