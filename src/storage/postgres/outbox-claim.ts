import type pg from 'pg';
import type { OutboxRow } from '../../delivery/outbox-types.ts';
import { COLS, inTx, type PgRow, toRow } from './outbox-schema.ts';

/** pending and due, or claimed by an instance whose lease has lapsed ($1: now) */
const CLAIMABLE = `((status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1))`;

/**
 * The part of the PostgreSQL outbox that several instances contend for. A claim sets the row
 * 'sending' with `claimed_by` and `lease_until`; rows are locked FOR UPDATE SKIP LOCKED, so
 * two instances claiming at once each get other rows and never wait on each other. A row
 * whose lease ran out (its instance died mid-send) is due and claimable again: at-least-once,
 * as SQLite's `recover` after a crash. The lease must outlast a send (gate wait + timeout).
 */
export function createPgClaims(pool: pg.Pool, o: { owner: string; clock: () => number; leaseMs: number }) {
  return {
    due: async (now: number, limit: number): Promise<OutboxRow[]> =>
      (
        await pool.query<PgRow>(
          `SELECT ${COLS} FROM outbox WHERE ${CLAIMABLE} ORDER BY next_attempt_at, id LIMIT $2`,
          [now, limit],
        )
      ).rows.map(toRow),
    /** the earliest pending row, or the earliest lease to lapse */
    nextDue: async (): Promise<number | null> => {
      const r = await pool.query<{ at: string | null }>(
        `SELECT LEAST((SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'),
                      (SELECT MIN(lease_until) FROM outbox WHERE status = 'sending')) AS at`,
      );
      const at = r.rows[0]?.at;
      return at == null ? null : Number(at);
    },
    /**
     * pending (and due) → sending for a batch, in one transaction; each claimed chat's other
     * rows are held until `holdUntil`. Returns the ids claimed, in batch order: a row dropped,
     * held, or taken by another instance meanwhile is skipped.
     */
    claimMany: (batch: readonly { id: number; chatId: number; holdUntil: number }[]) =>
      inTx(pool, async (c): Promise<number[]> => {
        if (!batch.length) return [];
        const now = o.clock();
        const locked = await c.query<{ id: string }>(
          `SELECT id FROM outbox WHERE id = ANY($2::bigint[]) AND ${CLAIMABLE} FOR UPDATE SKIP LOCKED`,
          [now, batch.map((b) => b.id)],
        );
        const got = new Set(locked.rows.map((r) => Number(r.id)));
        if (!got.size) return [];
        await c.query(
          `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_by = $2, lease_until = $3
           WHERE id = ANY($1::bigint[])`,
          [[...got], o.owner, now + o.leaseMs],
        );
        const ok = batch.filter((b) => got.has(b.id));
        // rows another instance is claiming right now are skipped, not waited for (no deadlock)
        for (const b of ok)
          await c.query(
            `UPDATE outbox SET next_attempt_at = $1 WHERE id IN (
               SELECT id FROM outbox WHERE chat_id = $2 AND status = 'pending' AND next_attempt_at < $1
               FOR UPDATE SKIP LOCKED)`,
            [b.holdUntil, b.chatId],
          );
        return ok.map((b) => b.id);
      }),
    /** back to pending at `at`; only while this instance's claim stands (else another owns it) */
    retryAt: (id: number, at: number, error: string) =>
      pool
        .query(
          `UPDATE outbox SET status = 'pending', next_attempt_at = $1, last_error = $2, claimed_by = NULL,
             lease_until = NULL WHERE id = $3 AND status = 'sending' AND claimed_by = $4`,
          [at, error.slice(0, 500), id, o.owner],
        )
        .then(() => undefined),
    /**
     * SQLite's startup recover, for many instances: only rows whose lease has lapsed go back to
     * pending (another instance's live claims stay). They may have been delivered.
     */
    /** keeps this instance's claims on rows still in flight (a long gate wait, a slow send) */
    renew: async (ids: readonly number[]): Promise<number> =>
      ids.length
        ? ((
            await pool.query(
              `UPDATE outbox SET lease_until = $1
               WHERE id = ANY($2::bigint[]) AND status = 'sending' AND claimed_by = $3`,
              [o.clock() + o.leaseMs, ids, o.owner],
            )
          ).rowCount ?? 0)
        : 0,
    recover: async (): Promise<number> =>
      (
        await pool.query(
          `UPDATE outbox SET status = 'pending', claimed_by = NULL, lease_until = NULL
           WHERE status = 'sending' AND lease_until <= $1`,
          [o.clock()],
        )
      ).rowCount ?? 0,
  };
}
