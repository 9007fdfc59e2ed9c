import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgArchive, migratePgArchive } from '../../src/storage/postgres/articles.ts';
import { createPgRegistry } from '../../src/storage/postgres/registry.ts';
import { registryContract } from '../articles/registry-contract.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';

const db = pgTestDatabase(migratePgArchive);

/** the file's own database, made on first use; each case starts from an empty archive */
async function shared(): Promise<pg.Pool> {
  const pool = await db.shared();
  await pool.query('TRUNCATE articles, categories, search_log RESTART IDENTITY');
  return pool;
}
afterAll(() => db.end());

registryContract('PostgreSQL', async () => {
  const p = await shared();
  const registry = createPgRegistry(p, {
    onError: (err) => {
      throw err;
    },
  });
  await registry.load();
  return {
    registry,
    archive: createPgArchive(p),
    settle: async () => {
      await registry.flush();
      await registry.refresh();
    },
    close: () => registry.flush(),
  };
});

describe('PostgreSQL registry shared by instances', () => {
  it('two instances’ counts add up, and each learns the other’s categories on refresh', async () => {
    const a = createPgRegistry(await shared());
    const b = createPgRegistry(await db.pool());
    await Promise.all([a.load(), b.load()]);
    for (let i = 0; i < 20; i++) {
      a.observe({ slug: 'emnews', seenAt: 100 + i, newPosts: 1 });
      b.observe({ slug: 'emnews', seenAt: 200 + i, newPosts: 2 });
    }
    a.observe({ slug: 'only-a', source: '甲', seenAt: 5, verified: true });
    b.observe({ slug: 'only-b', tag: '乙新闻', seenAt: 6 });
    expect(b.get('only-a')).toBeUndefined();
    await Promise.all([a.flush(), b.flush()]);
    await Promise.all([a.refresh(), b.refresh()]);
    for (const r of [a, b]) {
      expect(r.get('emnews')).toMatchObject({ posts: 60, firstSeen: 100, lastSeen: 219 });
      expect(r.all().map((c) => c.slug)).toEqual(['emnews', 'only-a', 'only-b']);
    }
    expect(b.get('only-a')).toEqual({
      slug: 'only-a',
      source: '甲',
      tag: '',
      firstSeen: 5,
      lastSeen: 5,
      posts: 0,
      verified: true,
    });
    expect(a.get('only-b')).toMatchObject({ tag: '乙新闻', verified: false });
  });

  it('a refresh keeps what this instance observed but has not written yet', async () => {
    const p = await shared();
    const a = createPgRegistry(p);
    await a.load();
    a.observe({ slug: 'x', seenAt: 1, newPosts: 1 });
    const other = createPgRegistry(await db.pool());
    other.observe({ slug: 'x', seenAt: 2, newPosts: 10 });
    await other.flush();
    // the refresh runs after a's queued write: nothing counted twice, nothing lost
    await a.refresh();
    expect(a.get('x')).toMatchObject({ posts: 11, lastSeen: 2 });
  });

  it('a failed write is reported, stays visible, and lands on a later flush', async () => {
    const p = await shared();
    const errors: unknown[] = [];
    const a = createPgRegistry(p, { onError: (err) => errors.push(err) });
    await a.load();
    await p.query('ALTER TABLE categories RENAME TO categories_away');
    try {
      expect(() => a.observe({ slug: 'y', seenAt: 1, newPosts: 2 })).not.toThrow();
      await a.flush();
      a.observe({ slug: 'y', seenAt: 3, newPosts: 1 });
      expect(a.get('y')).toMatchObject({ posts: 3 });
      await a.flush();
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(String(errors[0])).toMatch(/categories/);
    } finally {
      await p.query('ALTER TABLE categories_away RENAME TO categories');
    }
    await a.flush();
    const b = createPgRegistry(await db.pool());
    await b.load();
    expect(b.get('y')).toMatchObject({ posts: 3, firstSeen: 1, lastSeen: 3 });
    await a.refresh();
    expect(a.get('y')).toMatchObject({ posts: 3 });
  });
});
