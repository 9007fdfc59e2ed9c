import type { Db } from '../storage/db.ts';
import type { ArticlePayload, OutboxRow, RowStatus } from './outbox-types.ts';
import type { OutboxItem, OutboxStats } from './types.ts';

export type { ArticlePayload, DigestPayload, OutboxRow, RollupPayload, RowStatus } from './outbox-types.ts';

const COLS =
  'id, chat_id, item_key, kind, payload, status, attempts, next_attempt_at, created_at, published_at';

/** All SQL of the outbox in one place; every method is synchronous (better-sqlite3). */
export function createOutbox(db: Db) {
  // ON CONFLICT, not OR IGNORE: only the unique key may be skipped, a CHECK failure must throw
  const ins = db.prepare(
    `INSERT INTO outbox (chat_id, item_key, kind, payload, next_attempt_at, created_at, published_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, item_key) DO NOTHING`,
  );
  const due = db.prepare<[number, number], OutboxRow>(
    `SELECT ${COLS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
     ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const nextDue = db
    .prepare("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
    .pluck() as unknown as { get(): number | null };
  const claim = db.prepare(
    "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
  );
  const holdChat = db.prepare(
    `UPDATE outbox SET next_attempt_at = ? WHERE chat_id = ? AND status = 'pending' AND next_attempt_at < ?`,
  );
  // a break-through row (payload.mark) stays due unless the chat turned the break-through off
  const deferChat = db.prepare(
    `UPDATE outbox SET next_attempt_at = ?, payload = json_set(payload, '$.held', 1)
     WHERE chat_id = ? AND status = 'pending' AND next_attempt_at < ?
       AND (? = 1 OR json_extract(payload, '$.mark') IS NULL)`,
  );
  const sent = db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL WHERE id = ?",
  );
  const sentMerged = db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ? WHERE rollup_id = ? AND status = 'merged'",
  );
  const retry = db.prepare(
    "UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'",
  );
  const end = db.prepare('UPDATE outbox SET status = ?, last_error = ? WHERE id = ?');
  const endMerged = db.prepare(
    "UPDATE outbox SET status = ?, last_error = ? WHERE rollup_id = ? AND status = 'merged'",
  );
  const dropChat = db.prepare(
    `UPDATE outbox SET status = 'dropped', last_error = ?
     WHERE chat_id = ? AND status IN ('pending', 'merged', 'sending')`,
  );
  const moveChat = db.prepare(
    "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'merged', 'sending')",
  );
  const pendingArticles = db.prepare<[number], OutboxRow>(
    `SELECT ${COLS} FROM outbox WHERE chat_id = ? AND status = 'pending' AND kind = 'article'
       AND item_key LIKE 'a:%' ORDER BY id`,
  );
  const countPending = db
    .prepare(
      "SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND status = 'pending' AND kind = 'article' AND item_key LIKE 'a:%'",
    )
    .pluck() as unknown as { get(chatId: number): number };
  const merge = db.prepare("UPDATE outbox SET status = 'merged', rollup_id = ? WHERE id = ?");
  const unsent = db
    .prepare(
      `SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND item_key LIKE ? ESCAPE '\\' AND status != 'sent'`,
    )
    .pluck() as unknown as { get(chatId: number, like: string): number };
  const openDigests = db
    .prepare(
      `SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND kind = 'digest' AND status IN ('pending', 'sending')`,
    )
    .pluck() as unknown as { get(chatId: number): number };
  const hasKey = db
    .prepare(
      "SELECT 1 FROM outbox WHERE chat_id = ? AND item_key = ? AND status IN ('pending','sending','merged','sent')",
    )
    .pluck() as unknown as { get(chatId: number, key: string): number | undefined };
  const target = db.prepare<[number, string], EditTarget>(
    'SELECT status, message_id, payload, rollup_id FROM outbox WHERE chat_id = ? AND item_key = ?',
  );
  const counts = db.prepare<[], { status: RowStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status',
  );
  const openCounts = db.prepare<[], { status: RowStatus; n: number }>(
    `SELECT status, COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending', 'merged') GROUP BY status`,
  );
  const open = () => {
    const o = { pending: 0, sending: 0, merged: 0 };
    for (const { status, n } of openCounts.all()) o[status as keyof typeof o] = n;
    return o;
  };

  const enqueueTx = db.transaction((items: readonly OutboxItem[], now: number) => {
    let added = 0;
    for (const it of items) {
      const r = ins.run(
        it.chatId,
        it.key,
        it.kind,
        JSON.stringify(it.payload),
        now,
        now,
        it.publishedAt ?? null,
      );
      added += r.changes;
    }
    return added;
  });

  return {
    /** one transaction for the whole batch: a crash leaves all of it or none */
    enqueue: (items: readonly OutboxItem[], now: number): number => enqueueTx(items, now),
    due: (now: number, limit: number): OutboxRow[] => due.all(now, limit),
    nextDue: (): number | null => nextDue.get(),
    /**
     * pending → sending for a batch, in one transaction; each claimed chat's other rows are held
     * until `holdUntil`. Returns the ids claimed (a row dropped meanwhile is skipped).
     */
    claimMany: db.transaction((batch: readonly { id: number; chatId: number; holdUntil: number }[]) => {
      const ok: number[] = [];
      for (const b of batch) {
        if (claim.run(b.id).changes !== 1) continue;
        ok.push(b.id);
        holdChat.run(b.holdUntil, b.chatId, b.holdUntil);
      }
      return ok;
    }),
    /** keeps a chat's other rows out of the due list until the chat may receive again */
    holdChat: (chatId: number, until: number) => void holdChat.run(until, chatId, until),
    /** the ledger: sent rows keep Telegram's message id (rolled-up rows get the rollup's) */
    markSent: db.transaction((acks: readonly { row: OutboxRow; at: number; messageId: number }[]) => {
      for (const { row, at, messageId } of acks) {
        sent.run(at, messageId, row.id);
        if (row.kind === 'rollup') sentMerged.run(at, messageId, row.id);
      }
    }),
    /** quiet hours: the chat's pending rows wait until `until`, marked as held for the catch-up */
    deferChat: (chatId: number, until: number, breakThroughToo: boolean): number =>
      deferChat.run(until, chatId, until, breakThroughToo ? 1 : 0).changes,
    retryAt: (id: number, at: number, error: string) => void retry.run(at, error.slice(0, 500), id),
    finish: db.transaction((row: OutboxRow, status: 'dropped' | 'failed', error: string) => {
      end.run(status, error.slice(0, 500), row.id);
      if (row.kind === 'rollup') endMerged.run(status, error.slice(0, 500), row.id);
    }),
    /** returns how many rows were dropped */
    dropChat: (chatId: number, reason: string): number => dropChat.run(reason, chatId).changes,
    /** moves open rows to the new id; rows the new chat already has stay behind and are dropped */
    moveChat: db.transaction((from: number, to: number) => {
      moveChat.run(to, from);
      dropChat.run('migrated (duplicate)', from);
    }),
    countPendingArticles: (chatId: number): number => countPending.get(chatId),
    /** folds the given rows into one new rollup row; returns it */
    rollup: db.transaction(
      (chatId: number, rows: OutboxRow[], now: number, catchUp = false): OutboxRow | undefined => {
        const first = rows[0];
        if (!first) return undefined;
        const items = rows.map((r) => JSON.parse(r.payload) as ArticlePayload);
        const payload = JSON.stringify(catchUp ? { items, catchUp } : { items });
        const published = Math.min(...rows.map((r) => r.published_at ?? now));
        const r = ins.run(chatId, `r:${first.id}`, 'rollup', payload, now, now, published);
        if (r.changes !== 1) return undefined;
        const id = Number(r.lastInsertRowid);
        for (const row of rows) merge.run(id, row.id);
        return {
          id,
          chat_id: chatId,
          item_key: `r:${first.id}`,
          kind: 'rollup',
          payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
          published_at: published,
        };
      },
    ),
    pendingArticles: (chatId: number): OutboxRow[] => pendingArticles.all(chatId),
    /** true when every part of the digest slot is delivered */
    digestDelivered: (chatId: number, slot: string): boolean =>
      unsent.get(chatId, `d:${slot.replace(/[\\%_]/g, (c) => `\\${c}`)}#%`) === 0,
    openDigests: (chatId: number): number => openDigests.get(chatId),
    /** the row a later copy's edit rewrites: where it stands and the message it became */
    editTarget: (chatId: number, key: string): EditTarget | undefined => target.get(chatId, key),
    /** the chat already has (or had) this item queued or delivered */
    has: (chatId: number, key: string): boolean => hasKey.get(chatId, key) !== undefined,
    /** rows a killed process left in flight go back to pending (they may have been delivered) */
    recover: (): number =>
      db.prepare("UPDATE outbox SET status = 'pending' WHERE status = 'sending'").run().changes,
    /** one process owns the file: its claims last until it restarts, so there is no lease to renew */
    renew: (ids: readonly number[]): number => ids.length,
    /**
     * Finished rows older than the archive's retention: their articles are gone too, so their
     * repeat-protection keys can never match again. Open rows are never touched.
     */
    prune: (before: number): number =>
      db
        .prepare("DELETE FROM outbox WHERE status IN ('sent', 'dropped', 'failed') AND created_at < ?")
        .run(before).changes,
    /** rows waiting or in flight (the queue-depth gauge) */
    depth: (): number => {
      const o = open();
      return o.pending + o.sending;
    },
    /** pending, sending and merged counts, from a small partial index */
    open,
    stats(): OutboxStats {
      const s: OutboxStats = { pending: 0, sending: 0, merged: 0, sent: 0, dropped: 0, failed: 0 };
      for (const { status, n } of counts.all()) s[status] = n;
      return s;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

export interface EditTarget {
  status: RowStatus;
  message_id: number | null;
  payload: string;
  /** sent inside a rollup: its message is not this story's alone */
  rollup_id: number | null;
}
