import type { Migration } from '../../storage/db.ts';

/**
 * Feeds and wires the bot reads, one row per URL however many chats subscribe (they share one
 * fetch), and the seen keys of each: an item whose key is here is never pushed again, whatever
 * date or position the feed gives it next time.
 */
export const sourceMigrations: Migration[] = [
  {
    id: 'sources:1-feeds',
    up: `
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'wire')),
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        site_url TEXT,
        etag TEXT,
        last_modified TEXT,
        next_due_at INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0,
        empty_reads INTEGER NOT NULL DEFAULT 0,
        last_ok_at INTEGER,
        last_new_at INTEGER,
        last_error TEXT,
        initialized INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX feeds_due ON feeds (next_due_at);
      CREATE TABLE feed_seen (
        feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        last_seen INTEGER NOT NULL,
        PRIMARY KEY (feed_id, key)
      ) WITHOUT ROWID;
    `,
  },
];
