import type { Migration } from '../storage/db.ts';

/**
 * The outbox: one row per (chat, item). `item_key` is `a:<storyKey>` for a pushed story (so
 * twins collapse per chat), `d:<slot>#<part>` for digest parts and `r:<firstRowId>` for
 * rollups. The UNIQUE key makes every fan-out an INSERT OR IGNORE, so nothing is queued twice.
 * Sent rows stay (with Telegram's message id) as the per-chat ledger.
 */
export const deliveryMigrations: Migration[] = [
  {
    id: 'delivery:1-outbox',
    up: `CREATE TABLE IF NOT EXISTS outbox (
      id INTEGER PRIMARY KEY,
      chat_id INTEGER NOT NULL,
      item_key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('article', 'digest', 'rollup')),
      payload TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'merged', 'sent', 'dropped', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      published_at INTEGER,
      sent_at INTEGER,
      message_id INTEGER,
      rollup_id INTEGER,
      last_error TEXT,
      UNIQUE (chat_id, item_key)
    );
    CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS outbox_chat ON outbox (chat_id, status);
    CREATE INDEX IF NOT EXISTS outbox_rollup ON outbox (rollup_id) WHERE rollup_id IS NOT NULL;`,
  },
  {
    // counting what is still open (drain, queue depth) must not scan the whole ledger
    id: 'delivery:2-open-index',
    up: `CREATE INDEX IF NOT EXISTS outbox_open ON outbox (status)
      WHERE status IN ('pending', 'sending', 'merged')`,
  },
];
