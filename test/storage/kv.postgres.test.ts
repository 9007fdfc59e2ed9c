import Keyv from 'keyv';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createChatStore } from '../../src/chats/store.ts';
import { KV_NAMESPACE } from '../../src/storage/keys.ts';
import { migratePgKv, PgKeyvStore } from '../../src/storage/postgres/keyv.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';
import { kvContract } from './kv-contract.ts';

const db = pgTestDatabase(migratePgKv);
afterAll(() => db.end());

kvContract('PostgreSQL', async () => {
  const pool = await db.shared();
  await pool.query('TRUNCATE kv, kv_quarantine');
  // break() closes a pool of the case's own, so the shared one lives on for the next case
  const own = await db.pool();
  let broken = false;
  return {
    store: (onCorrupt) => new PgKeyvStore(own, onCorrupt),
    putRaw: async (key, value) => {
      await pool.query(
        'INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2, expires = NULL',
        [key, value],
      );
    },
    rawRow: async (key) => {
      const r = await pool.query<{ value: string; expires: string | null }>(
        'SELECT value, expires FROM kv WHERE key = $1',
        [key],
      );
      const row = r.rows[0];
      return row && { value: row.value, expires: row.expires === null ? null : Number(row.expires) };
    },
    quarantined: async () =>
      (await pool.query<{ key: string; value: string }>('SELECT key, value FROM kv_quarantine ORDER BY at'))
        .rows,
    break: async () => {
      broken = true;
      await db.closePool(own);
    },
    close: async () => {
      if (!broken) await db.closePool(own);
    },
  };
});

const keyv = (pool: pg.Pool, onCorrupt?: (key: string) => void) =>
  new Keyv({ store: new PgKeyvStore(pool, onCorrupt), namespace: KV_NAMESPACE, throwOnErrors: true });

describe('PostgreSQL keyv shared by instances', () => {
  it('migrates idempotently when three instances start at once', async () => {
    const pools = await Promise.all([db.pool(), db.pool(), db.pool()]);
    await Promise.all(pools.map((p) => migratePgKv(p)));
    await Promise.all(pools.map((p) => migratePgKv(p)));
    const r = await pools[0]!.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'kv%'");
    expect(r.rows[0]).toEqual({ n: 2 });
  });

  it('one instance reads what another wrote; a corrupt value read by both is reported once', async () => {
    const [a, b] = [await db.shared(), await db.pool()];
    const heard: string[] = [];
    await keyv(a).set('poll:state', { last: 1 });
    expect(await keyv(b).get('poll:state')).toEqual({ last: 1 });
    await a.query("UPDATE kv SET value = '[' WHERE key = 'kx:poll:state'");
    const reads = await Promise.all([
      keyv(a, (k) => heard.push(k)).get('poll:state'),
      keyv(b, (k) => heard.push(k)).get('poll:state'),
    ]);
    expect(reads).toEqual([undefined, undefined]);
    expect(heard).toEqual(['kx:poll:state']);
    const q = await a.query("SELECT count(*)::int AS n FROM kv_quarantine WHERE key = 'kx:poll:state'");
    expect(q.rows[0]).toEqual({ n: 1 });
  });

  it('runs the chat store: subscribe, settings and the lists round-trip across instances', async () => {
    const [a, b] = [await db.shared(), await db.pool()];
    await a.query("DELETE FROM kv WHERE key LIKE 'kx:%'");
    const opts = { maxSubscriptions: 3, defaultTz: 'Asia/Shanghai', now: () => 1000, position: () => 77 };
    const one = createChatStore(keyv(a), opts);
    await one.ensure(42, { kind: 'private', title: 'Ann' });
    expect(await one.subscribe(42, ['wire-cls', 'feed-abc', 'wire-cls'], 500)).toEqual({
      added: ['wire-cls', 'feed-abc'],
      already: [],
      overLimit: [],
    });
    expect(await one.subscribe(-100, ['wire-cls', 'x', 'y', 'z'], 600)).toEqual({
      added: ['wire-cls', 'x', 'y'],
      already: [],
      overLimit: ['z'],
    });
    await one.update(42, { lang: 'en', mode: 'digest', digestTimes: ['07:30'] });
    await one.setActive(-100, false);

    const two = createChatStore(keyv(b), opts);
    expect(await two.get(42)).toMatchObject({
      id: 42,
      title: 'Ann',
      lang: 'en',
      mode: 'digest',
      digestTimes: ['07:30'],
      tz: 'Asia/Shanghai',
      subscriptions: { 'wire-cls': 500, 'feed-abc': 500 },
      subscribedSeq: { 'wire-cls': 77, 'feed-abc': 77 },
    });
    expect((await two.allIds()).sort()).toEqual([-100, 42]);
    expect(await two.subscribers('wire-cls')).toEqual([42]);
    await two.setActive(-100, true);
    expect((await one.subscribers('wire-cls')).sort()).toEqual([-100, 42]);
    expect(await two.unsubscribe(42, 'all')).toEqual(['wire-cls', 'feed-abc']);
    expect(await one.subscribers('feed-abc')).toEqual([]);
    expect(await one.stats()).toEqual({ chats: 2, active: 2, subscriptions: 3 });
    await one.migrate(-100, -1001);
    expect(await two.allIds()).toEqual([42, -1001]);
    expect(await two.subscribers('x')).toEqual([-1001]);
    expect(await one.topicId(-1001, 5)).toBe(await two.topicId(-1001, 5));
  });
});
