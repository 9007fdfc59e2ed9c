import type pg from 'pg';
import type { EditTarget } from '../../delivery/outbox.ts';
import type { OutboxRow, RowStatus } from '../../delivery/outbox-types.ts';
import type { OutboxKind } from '../../delivery/types.ts';

/**
 * The outbox on PostgreSQL: the columns of src/delivery/schema.ts (times in epoch ms as
 * bigint, payload kept as the text it was queued with) plus the claim: `claimed_by` names the
 * instance that set a row 'sending', `lease_until` when that claim lapses and the row may be
 * claimed again by any instance (the multi-instance form of SQLite's startup `recover`).
 */
const OUTBOX_SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id bigint NOT NULL,
    item_key text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('article', 'digest', 'rollup')),
    payload text NOT NULL,
    status text NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'sending', 'merged', 'sent', 'dropped', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    created_at bigint NOT NULL,
    published_at bigint,
    sent_at bigint,
    message_id bigint,
    rollup_id bigint,
    last_error text,
    claimed_by text,
    lease_until bigint,
    UNIQUE (chat_id, item_key)
  );
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS outbox_chat ON outbox (chat_id, status);
  CREATE INDEX IF NOT EXISTS outbox_rollup ON outbox (rollup_id) WHERE rollup_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS outbox_open ON outbox (status) WHERE status IN ('pending', 'sending', 'merged');
  CREATE INDEX IF NOT EXISTS outbox_lease ON outbox (lease_until) WHERE status = 'sending';
`;

// instances starting together would race on CREATE ... IF NOT EXISTS (duplicate pg_type rows)
const MIGRATE_LOCK = 0x6b78_4f42; // 'kxOB'

/** Creates the outbox table and its indexes; idempotent, safe for instances starting at once. */
export async function migratePgOutbox(pool: pg.Pool): Promise<void> {
  await inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query(OUTBOX_SCHEMA);
  });
}

/** runs `fn` in one transaction on one connection */
export async function inTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

export const COLS =
  'id, chat_id, item_key, kind, payload, status, attempts, next_attempt_at, created_at, published_at';

/** int8 columns as pg hands them over (strings); every value here fits a double exactly */
export interface PgRow {
  id: string;
  chat_id: string;
  item_key: string;
  kind: OutboxKind;
  payload: string;
  status: RowStatus;
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  published_at: string | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export const toRow = (r: PgRow): OutboxRow => ({
  id: Number(r.id),
  chat_id: Number(r.chat_id),
  item_key: r.item_key,
  kind: r.kind,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  next_attempt_at: Number(r.next_attempt_at),
  created_at: Number(r.created_at),
  published_at: num(r.published_at),
});

export interface PgEditTarget {
  status: RowStatus;
  message_id: string | null;
  payload: string;
  rollup_id: string | null;
}

export const toEditTarget = (r: PgEditTarget): EditTarget => ({
  status: r.status,
  message_id: num(r.message_id),
  payload: r.payload,
  rollup_id: num(r.rollup_id),
});
