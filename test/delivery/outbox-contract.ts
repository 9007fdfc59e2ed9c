import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AsyncOutbox } from '../../src/delivery/outbox-async.ts';
import type { OutboxItem, OutboxKind } from '../../src/delivery/types.ts';

export interface OutboxUnderTest {
  outbox: AsyncOutbox;
  close(): Promise<void>;
}

const T = 1_000_000;
const art = (chatId: number, story: string, extra: object = {}, publishedAt: number | null = null) =>
  ({
    chatId,
    key: `a:${story}`,
    kind: 'article',
    payload: { story, seq: 1, ...extra },
    publishedAt,
  }) as OutboxItem;
const digest = (chatId: number, slot: string, part: number): OutboxItem => ({
  chatId,
  key: `d:${slot}#${part}`,
  kind: 'digest',
  payload: { html: 'x', slot, part, parts: 2, cursor: 1 },
});

/**
 * The behaviour every outbox keeps, whatever its store: the SQLite one (through asyncOutbox)
 * and the PostgreSQL one run the same cases. `make` gives an empty outbox each time.
 */
export function outboxContract(name: string, make: () => Promise<OutboxUnderTest>): void {
  describe(`outbox contract: ${name}`, () => {
    let u: OutboxUnderTest;
    let o: AsyncOutbox;
    beforeEach(async () => {
      u = await make();
      o = u.outbox;
    });
    afterEach(async () => {
      await u.close();
    });
    const ids = async (now = T, limit = 100) => (await o.due(now, limit)).map((r) => r.id);
    const claimAll = async (now = T) =>
      o.claimMany((await o.due(now, 100)).map((r) => ({ id: r.id, chatId: r.chat_id, holdUntil: now })));

    it('queues each (chat, key) once, within a batch and across batches', async () => {
      expect(await o.enqueue([art(1, 's1'), art(1, 's1'), art(2, 's1'), art(1, 's2')], T)).toBe(3);
      expect(await o.enqueue([art(1, 's1'), art(2, 's1')], T + 1)).toBe(0);
      expect(await o.enqueue([], T)).toBe(0);
      expect(await o.has(1, 'a:s1')).toBe(true);
      expect(await o.has(3, 'a:s1')).toBe(false);
      const [row] = await o.due(T, 1);
      expect(row).toMatchObject({ chat_id: 1, item_key: 'a:s1', kind: 'article', status: 'pending' });
      expect(row).toMatchObject({ attempts: 0, next_attempt_at: T, created_at: T, published_at: null });
      expect(JSON.parse(row?.payload ?? '')).toEqual({ story: 's1', seq: 1 });
      expect((await o.stats()).pending).toBe(3);
    });

    it('a batch with an invalid row queues nothing', async () => {
      const bad = { chatId: 1, key: 'x', kind: 'bogus' as OutboxKind, payload: {} };
      await expect(o.enqueue([art(1, 's1'), bad], T)).rejects.toThrow();
      expect(await o.depth()).toBe(0);
    });

    it('lists due rows oldest first, up to the limit; nextDue says when the next one is', async () => {
      expect(await o.nextDue()).toBeNull();
      await o.enqueue([art(1, 'late')], T + 500);
      await o.enqueue([art(1, 'b'), art(2, 'c')], T);
      await o.enqueue([art(3, 'd', {}, T - 50)], T + 100);
      const all = await o.due(T + 1000, 10);
      expect(all.map((r) => r.item_key)).toEqual(['a:b', 'a:c', 'a:d', 'a:late']);
      expect(all[2]?.published_at).toBe(T - 50);
      expect(await ids(T, 10)).toEqual(all.slice(0, 2).map((r) => r.id));
      expect((await o.due(T + 1000, 3)).length).toBe(3);
      expect(await o.due(T - 1, 10)).toEqual([]);
      expect(await o.nextDue()).toBe(T);
    });

    it('claims pending rows once, in batch order, and holds the chat’s other rows', async () => {
      await o.enqueue([art(1, 'a'), art(1, 'b'), art(2, 'c'), art(2, 'd')], T);
      const [a, b, c, d] = await o.due(T, 10);
      const got = await o.claimMany([
        { id: c!.id, chatId: 2, holdUntil: T + 5000 },
        { id: a!.id, chatId: 1, holdUntil: T + 3000 },
      ]);
      expect(got).toEqual([c!.id, a!.id]);
      expect(await o.claimMany([{ id: a!.id, chatId: 1, holdUntil: T }])).toEqual([]);
      expect(await o.open()).toEqual({ pending: 2, sending: 2, merged: 0 });
      expect(await o.depth()).toBe(4);
      expect(await ids(T + 2999)).toEqual([]);
      expect(await ids(T + 3000)).toEqual([b!.id]);
      expect(await ids(T + 5000)).toEqual([b!.id, d!.id]);
      expect(await o.nextDue()).not.toBeNull();
      await o.dropChat(1, 'gone');
      expect(await o.claimMany([{ id: b!.id, chatId: 1, holdUntil: T }])).toEqual([]);
    });

    it('holdChat moves only the chat’s pending rows due earlier', async () => {
      await o.enqueue([art(1, 'a'), art(2, 'b')], T);
      await o.enqueue([art(1, 'later')], T + 9000);
      await o.holdChat(1, T + 5000);
      expect((await o.due(T + 5000, 10)).map((r) => [r.item_key, r.next_attempt_at])).toEqual([
        ['a:b', T],
        ['a:a', T + 5000],
      ]);
      expect((await o.due(T + 9000, 10)).at(-1)?.next_attempt_at).toBe(T + 9000);
    });

    it('a retried row is invisible until its time, then due again with its attempts counted', async () => {
      await o.enqueue([art(1, 'a')], T);
      const [id] = await claimAll();
      await o.retryAt(id!, T + 60_000, 'x'.repeat(2000));
      expect(await ids(T + 59_999)).toEqual([]);
      const [row] = await o.due(T + 60_000, 10);
      expect(row).toMatchObject({ id, status: 'pending', attempts: 1, next_attempt_at: T + 60_000 });
      // only a row in flight goes back: a pending one keeps its time
      await o.retryAt(id!, T + 90_000, 'late');
      expect(await ids(T + 60_000)).toEqual([id]);
    });

    it('markSent keeps the message id; finish drops or fails; the ledger remembers sent keys', async () => {
      await o.enqueue([art(1, 'a'), art(2, 'b'), art(3, 'c')], T);
      const rows = await o.due(T, 10);
      await claimAll();
      await o.markSent([{ row: rows[0]!, at: T + 10, messageId: 9_007_199_254 }]);
      await o.finish(rows[1]!, 'dropped', 'blocked');
      await o.finish(rows[2]!, 'failed', 'bad request');
      expect(await o.editTarget(1, 'a:a')).toMatchObject({
        status: 'sent',
        message_id: 9_007_199_254,
        rollup_id: null,
      });
      expect(await o.editTarget(2, 'a:b')).toMatchObject({ status: 'dropped', message_id: null });
      expect(await o.editTarget(9, 'a:a')).toBeUndefined();
      expect(await o.has(1, 'a:a')).toBe(true);
      expect(await o.has(2, 'a:b')).toBe(false);
      expect(await o.stats()).toEqual({ pending: 0, sending: 0, merged: 0, sent: 1, dropped: 1, failed: 1 });
      expect(await o.depth()).toBe(0);
    });

    it('rolls pending articles up into one row; its fate is theirs', async () => {
      await o.enqueue(
        [art(1, 'a', {}, T - 30), art(1, 'b', { mark: 'urgent' }, T - 10), digest(1, 's', 1)],
        T,
      );
      await o.enqueue([art(2, 'z')], T);
      expect(await o.countPendingArticles(1)).toBe(2);
      const rows = await o.pendingArticles(1);
      expect(rows.map((r) => r.item_key)).toEqual(['a:a', 'a:b']);
      expect(await o.rollup(1, [], T + 5)).toBeUndefined();
      const r = await o.rollup(1, rows, T + 5, true);
      expect(r).toMatchObject({
        chat_id: 1,
        item_key: `r:${rows[0]!.id}`,
        kind: 'rollup',
        status: 'pending',
      });
      expect(r).toMatchObject({ attempts: 0, next_attempt_at: T + 5, published_at: T - 30 });
      expect(JSON.parse(r!.payload)).toEqual({
        items: [
          { story: 'a', seq: 1 },
          { story: 'b', seq: 1, mark: 'urgent' },
        ],
        catchUp: true,
      });
      expect(await o.rollup(1, rows, T + 6)).toBeUndefined();
      expect(await o.countPendingArticles(1)).toBe(0);
      expect(await o.open()).toEqual({ pending: 3, sending: 0, merged: 2 });
      expect((await o.due(T + 5, 10)).find((x) => x.kind === 'rollup')).toEqual(r);
      await o.markSent([{ row: r!, at: T + 9, messageId: 77 }]);
      expect(await o.editTarget(1, 'a:b')).toMatchObject({
        status: 'sent',
        message_id: 77,
        rollup_id: r!.id,
      });
      const again = await o.rollup(2, await o.pendingArticles(2), T);
      await o.finish(again!, 'failed', 'no');
      expect(await o.editTarget(2, 'a:z')).toMatchObject({ status: 'failed' });
    });

    it('quiet hours defer a chat’s rows, marking them held; break-throughs only when asked', async () => {
      await o.enqueue([art(1, 'a'), art(1, 'w', { mark: 'watch' }), art(2, 'b')], T);
      expect(await o.deferChat(1, T + 8000, false)).toBe(1);
      expect((await o.due(T, 10)).map((r) => r.item_key)).toEqual(['a:w', 'a:b']);
      const [held] = await o.pendingArticles(1);
      expect(JSON.parse(held!.payload)).toEqual({ story: 'a', seq: 1, held: 1 });
      expect(held!.next_attempt_at).toBe(T + 8000);
      expect(await o.deferChat(1, T + 8000, true)).toBe(1);
      expect(await o.deferChat(1, T + 8000, true)).toBe(0);
      expect((await o.due(T, 10)).map((r) => r.item_key)).toEqual(['a:b']);
    });

    it('dropChat drops every open row of the chat and nothing else', async () => {
      await o.enqueue([art(1, 'a'), art(1, 'b'), art(1, 'c'), art(1, 'd'), art(2, 'e')], T);
      const [a, b, c] = await o.due(T, 10);
      await o.claimMany([{ id: a!.id, chatId: 1, holdUntil: T }]);
      await o.markSent([{ row: a!, at: T, messageId: 1 }]);
      await o.rollup(1, [b!], T);
      await o.claimMany([{ id: c!.id, chatId: 1, holdUntil: T }]);
      // d pending, b merged, its rollup pending, c sending
      expect(await o.dropChat(1, 'kicked')).toBe(4);
      expect(await o.stats()).toEqual({ pending: 1, sending: 0, merged: 0, sent: 1, dropped: 4, failed: 0 });
    });

    it('moveChat carries open rows to the new id; ones the new chat has are dropped', async () => {
      await o.enqueue([art(1, 'a'), art(1, 'b'), art(1, 'old'), art(2, 'b')], T);
      const old = (await o.due(T, 10))[2]!;
      await o.markSent([{ row: old, at: T, messageId: 5 }]);
      await o.moveChat(1, 2);
      expect((await o.due(T, 10)).map((r) => [r.chat_id, r.item_key])).toEqual([
        [2, 'a:a'],
        [2, 'a:b'],
      ]);
      expect(await o.editTarget(1, 'a:b')).toMatchObject({ status: 'dropped' });
      expect(await o.editTarget(1, 'a:old')).toMatchObject({ status: 'sent', message_id: 5 });
    });

    it('a digest slot is delivered when every part is sent; open digests are counted', async () => {
      await o.enqueue([digest(1, '09_00', 1), digest(1, '09_00', 2), digest(1, '09x00', 1), art(1, 'a')], T);
      expect(await o.openDigests(1)).toBe(3);
      expect(await o.digestDelivered(1, '09_00')).toBe(false);
      const rows = await o.due(T, 10);
      await claimAll();
      expect(await o.openDigests(1)).toBe(3);
      await o.markSent(rows.slice(0, 2).map((row, i) => ({ row, at: T, messageId: i + 1 })));
      // '_' is a LIKE wildcard: the other slot's unsent part must not count
      expect(await o.digestDelivered(1, '09_00')).toBe(true);
      expect(await o.digestDelivered(1, '09x00')).toBe(false);
      expect(await o.digestDelivered(2, 'none')).toBe(true);
      expect(await o.openDigests(1)).toBe(1);
    });

    it('prune forgets finished rows created before the cutoff, never open ones', async () => {
      await o.enqueue([art(1, 'a'), art(1, 'b'), art(1, 'c'), art(1, 'd')], T);
      await o.enqueue([art(2, 'new')], T + 10_000);
      const [a, b, c] = await o.due(T, 10);
      await o.markSent([{ row: a!, at: T, messageId: 1 }]);
      await o.finish(b!, 'dropped', 'x');
      await o.finish(c!, 'failed', 'x');
      const [n] = await o.due(T + 10_000, 10).then((r) => r.filter((x) => x.chat_id === 2));
      await o.markSent([{ row: n!, at: T, messageId: 2 }]);
      expect(await o.prune(T + 1)).toBe(3);
      expect(await o.prune(T + 1)).toBe(0);
      expect(await o.stats()).toEqual({ pending: 1, sending: 0, merged: 0, sent: 1, dropped: 0, failed: 0 });
    });
  });
}
