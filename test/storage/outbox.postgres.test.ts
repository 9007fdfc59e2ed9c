import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src/delivery/types.ts';
import { createPgOutbox, migratePgOutbox } from '../../src/storage/postgres/outbox.ts';
import { outboxContract } from '../delivery/outbox-contract.ts';
import { pgTestDatabase } from '../support/pg-pools.ts';

const db = pgTestDatabase(migratePgOutbox);

/** the file's own database, made on first use; each case starts from an empty outbox */
async function shared(): Promise<pg.Pool> {
  const pool = await db.shared();
  await pool.query('TRUNCATE outbox RESTART IDENTITY');
  return pool;
}
afterAll(() => db.end());

outboxContract('PostgreSQL', async () => ({
  outbox: createPgOutbox(await shared()),
  close: async () => {},
}));

const T = 1_000_000;
const art = (chatId: number, story: string): OutboxItem => ({
  chatId,
  key: `a:${story}`,
  kind: 'article',
  payload: { story, seq: 1 },
});

describe('PostgreSQL outbox shared by instances', () => {
  let now = T;
  const clock = () => now;
  let a: ReturnType<typeof createPgOutbox>;
  let b: ReturnType<typeof createPgOutbox>;
  beforeAll(async () => {
    const first = await shared();
    // instances starting together both migrate
    const second = await db.pool();
    await Promise.all([migratePgOutbox(first), migratePgOutbox(second), migratePgOutbox(second)]);
    a = createPgOutbox(first, { clock, leaseMs: 30_000, owner: 'a' });
    b = createPgOutbox(second, { clock, leaseMs: 30_000, owner: 'b' });
  });

  it('two instances claiming at once never get the same row, and together get them all', async () => {
    await shared();
    now = T;
    await a.enqueue(
      Array.from({ length: 300 }, (_, i) => art(i, `s${i}`)),
      T,
    );
    const drain = async (o: typeof a) => {
      const mine: number[] = [];
      for (;;) {
        const rows = await o.due(now, 25);
        if (!rows.length) return mine;
        mine.push(
          ...(await o.claimMany(rows.map((r) => ({ id: r.id, chatId: r.chat_id, holdUntil: now + 1000 })))),
        );
      }
    };
    const [ofA, ofB] = await Promise.all([drain(a), drain(b), drain(a), drain(b)]).then(
      ([a1, b1, a2, b2]) => [
        [...a1, ...a2],
        [...b1, ...b2],
      ],
    );
    const all = [...ofA!, ...ofB!];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(300);
    expect(ofA!.length).toBeGreaterThan(0);
    expect(ofB!.length).toBeGreaterThan(0);
    expect(await a.stats()).toMatchObject({ pending: 0, sending: 300 });
    // the very same batch, claimed by both at once
    await shared();
    await a.enqueue(
      Array.from({ length: 50 }, (_, i) => art(i, `t${i}`)),
      T,
    );
    const batch = (await a.due(T, 50)).map((r) => ({ id: r.id, chatId: r.chat_id, holdUntil: T }));
    const [x, y] = await Promise.all([a.claimMany(batch), b.claimMany(batch)]);
    expect(new Set([...x, ...y]).size).toBe(50);
    expect(x.length + y.length).toBe(50);
  });

  it('a claim whose lease ran out is claimed again by the other instance', async () => {
    await shared();
    now = T;
    await a.enqueue([art(1, 'x'), art(2, 'y')], T);
    const [x, y] = await a.due(T, 10);
    expect(await a.claimMany([{ id: x!.id, chatId: 1, holdUntil: T }])).toEqual([x!.id]);
    // while the lease stands the row is neither due nor claimable elsewhere
    expect((await b.due(T + 29_999, 10)).map((r) => r.id)).toEqual([y!.id]);
    expect(await b.claimMany([{ id: x!.id, chatId: 1, holdUntil: T }])).toEqual([]);
    expect(await b.nextDue()).toBe(T);
    expect(await b.recover()).toBe(0);
    now = T + 30_000;
    // instance a died: its row is due again and b takes it over
    expect((await b.due(now, 10)).map((r) => r.id)).toEqual([x!.id, y!.id]);
    expect(await b.claimMany([{ id: x!.id, chatId: 1, holdUntil: now }])).toEqual([x!.id]);
    expect((await b.due(now, 10))[0]).toMatchObject({ id: y!.id });
    // a's late answer may not put b's claim back in the queue
    await a.retryAt(x!.id, now, 'stale');
    expect(await b.open()).toMatchObject({ sending: 1 });
    await b.markSent([{ row: x!, at: now, messageId: 3 }]);
    expect(await a.editTarget(1, 'a:x')).toMatchObject({ status: 'sent', message_id: 3 });
    // recover: a lapsed claim goes back to pending, counted once
    await a.claimMany([{ id: y!.id, chatId: 2, holdUntil: now }]);
    now += 30_000;
    expect(await b.recover()).toBe(1);
    expect(await b.recover()).toBe(0);
    expect((await b.due(now, 10)).map((r) => [r.id, r.status, r.attempts])).toEqual([[y!.id, 'pending', 1]]);
  });
});
