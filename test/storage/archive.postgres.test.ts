import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { searchMigrations } from '../../src/search/schema.ts';
import { type Db, openDb } from '../../src/storage/db.ts';
import {
  createPgArchive,
  createPgArticleStore,
  migratePgArchive,
} from '../../src/storage/postgres/articles.ts';
import { createPgSearchIndex } from '../../src/storage/postgres/search.ts';
import { archiveContract, article } from '../articles/archive-contract.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';

const db = pgTestDatabase(migratePgArchive);
const dir = mkdtempSync(join(tmpdir(), 'kx-pgarchive-'));
let replicas = 0;

/** the file's own database, made on first use; each case starts from an empty archive */
async function shared(): Promise<pg.Pool> {
  const pool = await db.shared();
  await pool.query('TRUNCATE articles, categories, search_log RESTART IDENTITY');
  return pool;
}
/** an instance's own replica file, fresh (the log was truncated with the archive) */
function replica(): Db {
  return openDb(join(dir, `replica-${++replicas}.sqlite`), searchMigrations);
}
afterAll(async () => {
  await db.end();
  rmSync(dir, { recursive: true, force: true });
});

archiveContract('PostgreSQL', async () => {
  const p = await shared();
  const local = replica();
  return {
    store: createPgArticleStore(p),
    archive: createPgArchive(p),
    search: createPgSearchIndex(p, local),
    close: async () => void local.close(),
  };
});

const items = (ns: number[]) => ns.map((n) => ({ article: article(n), summary: `s${n}` }));

describe('PostgreSQL archive shared by instances', () => {
  it('migrates again, and from two instances at once', async () => {
    const p = await shared();
    await Promise.all([migratePgArchive(p), migratePgArchive(await db.pool()), migratePgArchive(p)]);
  });

  it('two instances inserting the same ids at once store and log each once', async () => {
    const p = await shared();
    const q = await db.pool();
    const a = createPgArchive(p);
    const b = createPgArchive(q);
    const batches = [
      [1, 2, 3, 4],
      [4, 3, 2, 1, 5],
      [2, 5, 6],
    ];
    const results = await Promise.all(
      [...batches, ...batches].map((ns, i) => (i % 2 ? b : a).insertMany(items(ns), i)),
    );
    const inserted = results.flat().filter((r) => r.inserted);
    expect(inserted.map((r) => r.article.id).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => article(n).id).sort(),
    );
    // every answer, inserted or not, is the one stored row
    for (const r of results.flat())
      expect(r.article.seq).toBe(inserted.find((x) => x.article.id === r.article.id)?.article.seq);
    expect(await createPgArticleStore(q).count()).toBe(6);
    const log = await p.query<{ seq: string }>('SELECT seq FROM search_log ORDER BY id');
    expect(log.rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    const local = replica();
    const search = createPgSearchIndex(q, local);
    expect(await search.count()).toBe(6);
    local.close();
  });

  it('a failing batch stores nothing and logs nothing', async () => {
    const p = await shared();
    const a = createPgArchive(p);
    const bad = { article: { ...article(2), title: null as unknown as string }, summary: '' };
    await expect(a.insertMany([...items([1]), bad], 1)).rejects.toThrow();
    expect(await createPgArticleStore(p).count()).toBe(0);
    expect((await p.query('SELECT 1 FROM search_log')).rowCount).toBe(0);
  });

  it('a corrupt list column is reported and read as empty; by default it throws', async () => {
    const p = await shared();
    await createPgArchive(p).insertMany(items([1]), 1);
    await p.query(`UPDATE articles SET images = '{not json' WHERE seq = 1`);
    const seen: unknown[] = [];
    const tolerant = createPgArticleStore(p, (info) => void seen.push(info));
    expect((await tolerant.getBySeq(1))?.images).toEqual([]);
    expect(seen).toEqual([{ seq: 1, field: 'images', error: expect.any(String) }]);
    await expect(createPgArticleStore(p).getBySeq(1)).rejects.toThrow(
      'article 1 has a corrupt images column',
    );
  });
});
