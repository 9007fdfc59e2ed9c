import type { Db, Migration } from '../storage/db.ts';

export interface WatchEntry {
  chatId: number;
  /** normalised (what is matched and what makes two entries the same) */
  term: string;
  /** as the user typed it (what /watch lists) */
  label: string;
}

/** The watchlists of every chat: the system of record; the matcher is rebuilt from it. */
export interface WatchStore {
  list(chatId: number): WatchEntry[];
  /** inserts the entries that are new; returns the ones inserted */
  add(entries: readonly WatchEntry[]): WatchEntry[];
  /** removes the chat's entries with these normalised terms (all of them for 'all'); returns them */
  remove(chatId: number, terms: readonly string[] | 'all'): WatchEntry[];
  all(): WatchEntry[];
  count(): number;
  countFor(chatId: number): number;
}

export const watchMigrations: Migration[] = [
  {
    id: 'chats:1-watches',
    up: `CREATE TABLE IF NOT EXISTS watches (
      chat_id INTEGER NOT NULL,
      term TEXT NOT NULL,
      label TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (chat_id, term)
    );`,
  },
];

interface Row {
  chat_id: number;
  term: string;
  label: string;
}
const entry = (r: Row): WatchEntry => ({ chatId: r.chat_id, term: r.term, label: r.label });

export function createWatchStore(db: Db, now: () => number = Date.now): WatchStore {
  const ins = db.prepare(
    'INSERT INTO watches (chat_id, term, label, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const byChat = db.prepare<[number], Row>(
    'SELECT chat_id, term, label FROM watches WHERE chat_id = ? ORDER BY rowid',
  );
  const del = db.prepare('DELETE FROM watches WHERE chat_id = ? AND term = ?');
  const delAll = db.prepare('DELETE FROM watches WHERE chat_id = ?');
  const every = db.prepare<[], Row>('SELECT chat_id, term, label FROM watches ORDER BY chat_id, term');
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM watches').pluck();
  const perChat = db.prepare<[number], number>('SELECT COUNT(*) FROM watches WHERE chat_id = ?').pluck();
  return {
    list: (chatId) => byChat.all(chatId).map(entry),
    add: db.transaction((entries: readonly WatchEntry[]) =>
      entries.filter((e) => ins.run(e.chatId, e.term, e.label, now()).changes === 1),
    ),
    remove: db.transaction((chatId: number, terms: readonly string[] | 'all') => {
      const before = byChat.all(chatId).map(entry);
      if (terms === 'all') {
        delAll.run(chatId);
        return before;
      }
      const gone = before.filter((e) => terms.includes(e.term));
      for (const e of gone) del.run(chatId, e.term);
      return gone;
    }),
    all: () => every.all().map(entry),
    count: () => total.get() ?? 0,
    countFor: (chatId) => perChat.get(chatId) ?? 0,
  };
}
