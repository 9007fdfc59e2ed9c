import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { markServing, servingSince } from '../../src/storage/postgres/serving.ts';
import { createTestDatabase, type TestDatabase, testPool } from '../support/postgres.ts';

let db: TestDatabase | undefined;
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const p of pools) await p.end();
  await db?.drop();
});

describe('the serving mark (what makes migrate refuse)', () => {
  it('five instances starting at once: none fails, the first time is kept', async () => {
    db = await createTestDatabase();
    for (let i = 0; i < 5; i++) pools.push(testPool(db.url, 2));
    expect(await servingSince(pools[0]!)).toBeNull();
    await Promise.all(pools.map((p, i) => markServing(p, 1_000 + i)));
    const since = await servingSince(pools[0]!);
    expect(since !== null && since >= 1_000 && since <= 1_004).toBe(true);
    await markServing(pools[1]!, 9_999);
    expect(await servingSince(pools[2]!)).toBe(since);
    expect((await pools[0]!.query('SELECT count(*)::int AS n FROM kuaixun_serving')).rows[0]?.n).toBe(1);
  });
});
