import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AsyncOutbox } from '../../delivery/outbox-async.ts';
import type { ArticlePayload, OutboxRow } from '../../delivery/outbox-types.ts';
import type { OutboxItem } from '../../delivery/types.ts';
import { createPgClaims } from './outbox-claim.ts';
import { createPgOutboxReads } from './outbox-read.ts';
import { inTx } from './outbox-schema.ts';

export { migratePgOutbox } from './outbox-schema.ts';

export interface PgOutboxOptions {
  /** how long a claim holds before another instance may take the row (default 5 min) */
  leaseMs?: number;
  /** epoch ms; the lease clock (default Date.now) */
  clock?: () => number;
  /** names this instance's claims (default a random UUID) */
  owner?: string;
}

const OPEN = "('pending', 'merged', 'sending')";

/**
 * The outbox of src/delivery/outbox.ts on PostgreSQL, shared by several instances: the same
 * methods with the same semantics, answering in Promises (AsyncOutbox). What differs is the
 * claim (outbox-claim.ts): rows are taken with FOR UPDATE SKIP LOCKED under a lease, so two
 * instances never claim one row and a dead instance's 'sending' rows come back when its lease
 * lapses. Call `migratePgOutbox(pool)` first.
 */
export function createPgOutbox(pool: pg.Pool, opts: PgOutboxOptions = {}): AsyncOutbox & { owner: string } {
  const owner = opts.owner ?? randomUUID();
  const clock = opts.clock ?? Date.now;
  const reads = createPgOutboxReads(pool);
  const claims = createPgClaims(pool, { owner, clock, leaseMs: opts.leaseMs ?? 5 * 60_000 });
  const q = pool.query.bind(pool) as pg.Pool['query'];
  const changed = async (sql: string, args: unknown[]): Promise<number> => (await q(sql, args)).rowCount ?? 0;
  const dropChat = (c: pg.PoolClient | pg.Pool, chatId: number, reason: string) =>
    c.query(
      `UPDATE outbox SET status = 'dropped', last_error = $1 WHERE chat_id = $2 AND status IN ${OPEN}`,
      [reason, chatId],
    );
  const cut = (error: string) => error.slice(0, 500);

  return {
    owner,
    /** one statement for the whole batch: all of it or none; a CHECK failure throws */
    async enqueue(items: readonly OutboxItem[], now: number): Promise<number> {
      if (!items.length) return 0;
      return changed(
        `INSERT INTO outbox (chat_id, item_key, kind, payload, next_attempt_at, created_at, published_at)
         SELECT chat_id, item_key, kind, payload, $6, $6, published_at
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[])
           WITH ORDINALITY AS u (chat_id, item_key, kind, payload, published_at, ord)
         ORDER BY ord
         ON CONFLICT (chat_id, item_key) DO NOTHING`,
        [
          items.map((i) => i.chatId),
          items.map((i) => i.key),
          items.map((i) => i.kind),
          items.map((i) => JSON.stringify(i.payload)),
          items.map((i) => i.publishedAt ?? null),
          now,
        ],
      );
    },
    due: claims.due,
    nextDue: claims.nextDue,
    claimMany: claims.claimMany,
    holdChat: (chatId: number, until: number) =>
      q(
        `UPDATE outbox SET next_attempt_at = $1 WHERE chat_id = $2 AND status = 'pending' AND next_attempt_at < $1`,
        [until, chatId],
      ).then(() => undefined),
    markSent: (acks: readonly { row: OutboxRow; at: number; messageId: number }[]) =>
      inTx(pool, async (c) => {
        for (const { row, at, messageId } of acks) {
          await c.query(
            `UPDATE outbox SET status = 'sent', sent_at = $1, message_id = $2, last_error = NULL,
               lease_until = NULL WHERE id = $3`,
            [at, messageId, row.id],
          );
          if (row.kind === 'rollup')
            await c.query(
              "UPDATE outbox SET status = 'sent', sent_at = $1, message_id = $2 WHERE rollup_id = $3 AND status = 'merged'",
              [at, messageId, row.id],
            );
        }
      }),
    /** a break-through row (payload.mark) stays due unless the chat turned the break-through off */
    deferChat: (chatId: number, until: number, breakThroughToo: boolean) =>
      changed(
        `UPDATE outbox SET next_attempt_at = $1, payload = (payload::jsonb || '{"held": 1}')::text
         WHERE chat_id = $2 AND status = 'pending' AND next_attempt_at < $1
           AND ($3 OR (payload::jsonb ->> 'mark') IS NULL)`,
        [until, chatId, breakThroughToo],
      ),
    retryAt: claims.retryAt,
    finish: (row: OutboxRow, status: 'dropped' | 'failed', error: string) =>
      inTx(pool, async (c) => {
        await c.query('UPDATE outbox SET status = $1, last_error = $2, lease_until = NULL WHERE id = $3', [
          status,
          cut(error),
          row.id,
        ]);
        if (row.kind === 'rollup')
          await c.query(
            "UPDATE outbox SET status = $1, last_error = $2 WHERE rollup_id = $3 AND status = 'merged'",
            [status, cut(error), row.id],
          );
      }),
    dropChat: async (chatId: number, reason: string) => (await dropChat(pool, chatId, reason)).rowCount ?? 0,
    /** moves open rows to the new id; rows the new chat already has stay behind and are dropped */
    moveChat: (from: number, to: number) =>
      inTx(pool, async (c) => {
        await c.query(
          `UPDATE outbox o SET chat_id = $1 WHERE chat_id = $2 AND status IN ${OPEN}
             AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.chat_id = $1 AND x.item_key = o.item_key)`,
          [to, from],
        );
        await dropChat(c, from, 'migrated (duplicate)');
      }),
    /** folds the given rows into one new rollup row; returns it */
    rollup: (chatId: number, rows: OutboxRow[], now: number, catchUp = false) =>
      inTx(pool, async (c): Promise<OutboxRow | undefined> => {
        // only rows still pending and not being folded or claimed by another instance right now
        const free = await c.query<{ id: string }>(
          "SELECT id FROM outbox WHERE id = ANY($1::bigint[]) AND status = 'pending' FOR UPDATE SKIP LOCKED",
          [rows.map((row) => row.id)],
        );
        const ids = new Set(free.rows.map((x) => Number(x.id)));
        rows = rows.filter((row) => ids.has(row.id));
        const first = rows[0];
        if (!first) return undefined;
        const items = rows.map((r) => JSON.parse(r.payload) as ArticlePayload);
        const payload = JSON.stringify(catchUp ? { items, catchUp } : { items });
        const published = Math.min(...rows.map((r) => r.published_at ?? now));
        const key = `r:${first.id}`;
        const r = await c.query<{ id: string }>(
          `INSERT INTO outbox (chat_id, item_key, kind, payload, next_attempt_at, created_at, published_at)
           VALUES ($1, $2, 'rollup', $3, $4, $4, $5) ON CONFLICT (chat_id, item_key) DO NOTHING RETURNING id`,
          [chatId, key, payload, now, published],
        );
        const made = r.rows[0];
        if (!made) return undefined;
        const id = Number(made.id);
        await c.query("UPDATE outbox SET status = 'merged', rollup_id = $1 WHERE id = ANY($2::bigint[])", [
          id,
          rows.map((row) => row.id),
        ]);
        return {
          id,
          chat_id: chatId,
          item_key: key,
          kind: 'rollup',
          payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
          published_at: published,
        };
      }),
    ...reads,
    recover: claims.recover,
    renew: claims.renew,
    /** finished rows created before the cutoff; open rows are never touched */
    prune: (before: number) =>
      changed("DELETE FROM outbox WHERE status IN ('sent', 'dropped', 'failed') AND created_at < $1", [
        before,
      ]),
  };
}
