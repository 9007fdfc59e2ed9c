import type pg from 'pg';
import type { WatchEntry, WatchStore } from '../../chats/watch-store.ts';
import type { Async } from '../async.ts';
import { int, migrateUnderLock } from './ddl.ts';
import { inTx } from './outbox-schema.ts';

/**
 * The watches table of src/chats/watch-store.ts. `id` stands in for SQLite's rowid: it keeps
 * a chat's terms in the order they were added. Terms sort bytewise (COLLATE "C"), as SQLite's
 * BINARY does, so all() lists in the same order on both backends.
 */
const WATCH_SCHEMA = `
  CREATE TABLE IF NOT EXISTS watches (
    id bigint GENERATED ALWAYS AS IDENTITY,
    chat_id bigint NOT NULL,
    term text COLLATE "C" NOT NULL,
    label text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (chat_id, term)
  );
`;

const WATCH_LOCK = 0x6b78_5741; // 'kxWA'

/** Creates the watches table; idempotent, safe for instances starting at once. */
export async function migratePgWatches(pool: pg.Pool): Promise<void> {
  await migrateUnderLock(pool, WATCH_LOCK, WATCH_SCHEMA);
}

interface Row {
  id: string;
  chat_id: string;
  term: string;
  label: string;
}
const entry = (r: Row): WatchEntry => ({ chatId: int(r.chat_id), term: r.term, label: r.label });
const byId = (a: Row, b: Row) => int(a.id) - int(b.id);
const pairKey = (chatId: number, term: string) => `${chatId}\u0000${term}`;

/**
 * Takes the chats' write locks, in id order, for the rest of the transaction. Two instances
 * inserting one chat's terms in different orders otherwise deadlock on the primary key (each
 * holds a row the other waits for). The two-int lock space does not overlap the one-bigint
 * keys the migrations use. Volatile calls run after ORDER BY, so the order holds.
 */
const lockChats = (c: pg.PoolClient, chatIds: readonly number[]) =>
  c.query(
    'SELECT pg_advisory_xact_lock($1, hashtext(id::text)) FROM unnest($2::bigint[]) AS id ORDER BY id',
    [WATCH_LOCK, [...new Set(chatIds)]],
  );

/**
 * The watch store of src/chats/watch-store.ts on PostgreSQL, same semantics. add and remove
 * run under the chat's lock, so two instances changing one chat at once can't both insert a
 * term or both report one removal, and can't deadlock.
 */
export function createPgWatchStore(pool: pg.Pool, now: () => number = Date.now): Async<WatchStore> {
  const rows = async (sql: string, args: unknown[]): Promise<Row[]> =>
    (await pool.query<Row>(sql, args)).rows;
  const count = async (sql: string, args: unknown[]): Promise<number> =>
    int((await pool.query<{ n: string }>(sql, args)).rows[0]?.n ?? 0);
  return {
    list: async (chatId) =>
      (
        await rows('SELECT id, chat_id, term, label FROM watches WHERE chat_id = $1 ORDER BY id', [chatId])
      ).map(entry),
    /** the batch in its order (ids follow it); a term repeated within it is inserted once, first label */
    async add(entries) {
      if (!entries.length) return [];
      const inserted = await inTx(pool, async (c) => {
        await lockChats(
          c,
          entries.map((e) => e.chatId),
        );
        return (
          await c.query<Row>(
            `INSERT INTO watches (chat_id, term, label, created_at)
         SELECT chat_id, term, label, $4 FROM unnest($1::bigint[], $2::text[], $3::text[])
           WITH ORDINALITY AS u (chat_id, term, label, ord)
         ORDER BY ord
         ON CONFLICT DO NOTHING RETURNING id, chat_id, term, label`,
            [entries.map((e) => e.chatId), entries.map((e) => e.term), entries.map((e) => e.label), now()],
          )
        ).rows;
      });
      const fresh = new Set(inserted.map((r) => pairKey(int(r.chat_id), r.term)));
      // the caller's own objects, in its order, as the SQLite store answers
      return entries.filter((e) => fresh.delete(pairKey(e.chatId, e.term)));
    },
    async remove(chatId, terms) {
      if (terms !== 'all' && !terms.length) return [];
      const gone = await inTx(pool, async (c) => {
        await lockChats(c, [chatId]);
        const r = await c.query<Row>(
          `DELETE FROM watches WHERE chat_id = $1 AND ($2::text[] IS NULL OR term = ANY ($2::text[]))
           RETURNING id, chat_id, term, label`,
          [chatId, terms === 'all' ? null : [...terms]],
        );
        return r.rows;
      });
      return gone.sort(byId).map(entry);
    },
    all: async () =>
      (await rows('SELECT id, chat_id, term, label FROM watches ORDER BY chat_id, term', [])).map(entry),
    count: () => count('SELECT count(*) AS n FROM watches', []),
    countFor: (chatId) => count('SELECT count(*) AS n FROM watches WHERE chat_id = $1', [chatId]),
  };
}
