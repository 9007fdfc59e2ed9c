import type { Migration } from '../storage/db.ts';

/**
 * The search room's tables (self-sufficient: they do not read the articles table).
 *
 * One FTS row per story (twin posts share a story key and are indexed together), with
 * rowid = a time key: published_at * 2048 + a tie-breaker, so that FTS5's descending rowid
 * order is "newest first" and a top-10 never sorts the whole match set. `search_docs` keeps
 * each post (seq = articles.seq) with the text needed for snippets and re-indexing a story.
 * The two FTS5 tables are contentless (the text is not stored twice) with contentless_delete;
 * body is the trigram table's first column because column 0 needs no marker in position lists.
 */
export const searchMigrations: Migration[] = [
  {
    id: 'search:1-fts',
    up: `
      CREATE TABLE search_stories (
        key INTEGER PRIMARY KEY,
        story_key TEXT NOT NULL UNIQUE
      );
      CREATE TABLE search_docs (
        seq INTEGER PRIMARY KEY,
        story INTEGER NOT NULL,
        published_at INTEGER NOT NULL,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX search_docs_story ON search_docs (story);
      CREATE VIRTUAL TABLE search_tri USING fts5 (
        body, title, meta,
        tokenize = 'trigram case_sensitive 1',
        content = '', contentless_delete = 1, detail = full
      );
      CREATE VIRTUAL TABLE search_grams USING fts5 (
        grams,
        tokenize = 'ascii',
        content = '', contentless_delete = 1, detail = none
      );
    `,
  },
];
