import type { Migration } from '../storage/db.ts';

/**
 * The archive. `seq` is an INTEGER PRIMARY KEY (the rowid), so row order is insertion order;
 * the poller inserts each batch oldest-first, so seq order follows publish time for readers
 * going forward (fan-out, digests) and for the search index.
 */
export const articleMigrations: Migration[] = [
  {
    id: 'articles:1-tables',
    up: `
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        category TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        paragraphs TEXT NOT NULL CHECK (json_valid(paragraphs)),
        digest TEXT,
        attribution TEXT,
        source_link TEXT,
        images TEXT NOT NULL CHECK (json_valid(images)),
        story_key TEXT NOT NULL,
        summary TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      );
      CREATE INDEX articles_category ON articles (category, published_at DESC);
      CREATE INDEX articles_published ON articles (published_at DESC);
      CREATE INDEX articles_story ON articles (story_key);
      CREATE TABLE categories (
        slug TEXT PRIMARY KEY,
        source TEXT NOT NULL DEFAULT '',
        tag TEXT NOT NULL DEFAULT '',
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        posts INTEGER NOT NULL DEFAULT 0,
        verified INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE site_validators (
        path TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    id: 'articles:2-shown-at',
    up: 'ALTER TABLE articles ADD COLUMN shown_at INTEGER',
  },
  {
    // feeds and wires: the upstream's importance flag and its own tags
    id: 'articles:3-urgent-tags',
    up: `
      ALTER TABLE articles ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags));
    `,
  },
];
