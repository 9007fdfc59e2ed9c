import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchMigrations } from '../../src/search/schema.ts';
import { openDb } from '../../src/storage/db.ts';
import { createPgSearchIndex } from '../../src/storage/postgres/search.ts';
import { createTestDatabase, type TestDatabase, testPool } from '../support/postgres.ts';
import { fixtureArticles, NOW } from '../support/search-fixture.ts';

let database: TestDatabase;
let pool: pg.Pool;
const dir = mkdtempSync(join(tmpdir(), 'kx-replica-'));
const locals: Array<ReturnType<typeof openDb>> = [];
beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url);
});
afterAll(async () => {
  for (const l of locals) l.close();
  rmSync(dir, { recursive: true, force: true });
  await pool?.end();
  await database?.drop();
});

/** one instance's search: its own replica file on the shared database */
function instance(name: string) {
  const local = openDb(join(dir, `${name}.sqlite`), searchMigrations);
  locals.push(local);
  return createPgSearchIndex(pool, local);
}

const q = (terms: string[]) => ({ terms, offset: 0, limit: 100, now: NOW });

describe('search on PostgreSQL shared by instances', () => {
  it('what one instance indexes or removes, another finds or stops finding', async () => {
    const a = instance('a');
    const b = instance('b');
    const articles = fixtureArticles();
    await a.addMany(articles.slice(0, 40));
    await b.addMany(articles.slice(40));
    const both = await a.search(q(['公司']));
    expect(both).toEqual(await b.search(q(['公司'])));
    expect(await a.count()).toBe(articles.length);
    const gone = both.hits.slice(0, 3).map((h) => h.seq);
    await b.remove(gone);
    const left = await a.search(q(['公司']));
    // a story with a twin left stays listed, through the twin
    expect(left.total).toBeLessThan(both.total);
    expect(left).toEqual(await b.search(q(['公司'])));
    expect(left.hits.some((h) => gone.includes(h.seq))).toBe(false);
  });

  it('a new instance builds its replica from the log, removals included', async () => {
    const c = instance('c');
    const a = instance('a2');
    expect(await c.count()).toBe(await a.count());
    for (const terms of [['公司'], ['债'], ['中國人壽'], ['国债期货']])
      expect(await c.search(q(terms))).toEqual(await a.search(q(terms)));
  });

  it('keeps only live articles and tombstones in the log', async () => {
    const r = await pool.query<{ live: string; tombs: string }>(
      'SELECT count(*) FILTER (WHERE doc IS NOT NULL) AS live, count(*) FILTER (WHERE doc IS NULL) AS tombs FROM search_log',
    );
    expect(Number(r.rows[0]!.live)).toBe(fixtureArticles().length - 3);
    expect(Number(r.rows[0]!.tombs)).toBe(3);
  });
});
