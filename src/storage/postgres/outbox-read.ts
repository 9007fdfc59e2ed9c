import type pg from 'pg';
import type { RowStatus } from '../../delivery/outbox-types.ts';
import type { OutboxStats } from '../../delivery/types.ts';
import { COLS, type PgEditTarget, type PgRow, toEditTarget, toRow } from './outbox-schema.ts';

const OPEN = "('pending', 'merged', 'sending')";

/** The PostgreSQL outbox's read-only questions: rollup candidates, digests, the ledger, counts. */
export function createPgOutboxReads(pool: pg.Pool) {
  const q = pool.query.bind(pool) as pg.Pool['query'];
  const count = async (sql: string, args: unknown[]): Promise<number> =>
    Number((await q<{ n: string }>(sql, args)).rows[0]?.n ?? 0);
  const byStatus = async (where: string) =>
    (
      await q<{ status: RowStatus; n: string }>(
        `SELECT status, COUNT(*) AS n FROM outbox ${where} GROUP BY status`,
      )
    ).rows;
  const open = async () => {
    const o = { pending: 0, sending: 0, merged: 0 };
    for (const { status, n } of await byStatus(`WHERE status IN ${OPEN}`))
      o[status as keyof typeof o] = Number(n);
    return o;
  };
  return {
    countPendingArticles: (chatId: number) =>
      count(
        `SELECT COUNT(*) AS n FROM outbox WHERE chat_id = $1 AND status = 'pending' AND kind = 'article'
           AND item_key LIKE 'a:%'`,
        [chatId],
      ),
    pendingArticles: async (chatId: number) =>
      (
        await q<PgRow>(
          `SELECT ${COLS} FROM outbox WHERE chat_id = $1 AND status = 'pending' AND kind = 'article'
             AND item_key LIKE 'a:%' ORDER BY id`,
          [chatId],
        )
      ).rows.map(toRow),
    /** true when every part of the digest slot is delivered */
    digestDelivered: async (chatId: number, slot: string) =>
      (await count(
        `SELECT COUNT(*) AS n FROM outbox WHERE chat_id = $1 AND item_key LIKE $2 ESCAPE '\\' AND status != 'sent'`,
        [chatId, `d:${slot.replace(/[\\%_]/g, (c) => `\\${c}`)}#%`],
      )) === 0,
    openDigests: (chatId: number) =>
      count(
        `SELECT COUNT(*) AS n FROM outbox WHERE chat_id = $1 AND kind = 'digest' AND status IN ('pending', 'sending')`,
        [chatId],
      ),
    editTarget: async (chatId: number, key: string) => {
      const r = await q<PgEditTarget>(
        'SELECT status, message_id, payload, rollup_id FROM outbox WHERE chat_id = $1 AND item_key = $2',
        [chatId, key],
      );
      return r.rows[0] && toEditTarget(r.rows[0]);
    },
    has: async (chatId: number, key: string) =>
      (await count(
        `SELECT COUNT(*) AS n FROM outbox WHERE chat_id = $1 AND item_key = $2
           AND status IN ('pending', 'sending', 'merged', 'sent')`,
        [chatId, key],
      )) > 0,
    depth: async () => {
      const o = await open();
      return o.pending + o.sending;
    },
    open,
    async stats(): Promise<OutboxStats> {
      const s: OutboxStats = { pending: 0, sending: 0, merged: 0, sent: 0, dropped: 0, failed: 0 };
      for (const { status, n } of await byStatus('')) s[status] = Number(n);
      return s;
    },
  };
}
