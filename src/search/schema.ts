import type { Migration } from '../storage/db.ts';

/**
 * The search room's tables. `search_docs` keeps what ranking, filters and snippets need
 * (self-sufficient: it does not read the articles table); the two FTS5 tables are contentless
 * (the text is not stored twice) with contentless_delete so pruning can remove rows.
 * rowid = articles.seq everywhere.
 */
export const searchMigrations: Migration[] = [
  {
    id: 'search:1-fts',
    up: `
      CREATE TABLE search_docs (
        seq INTEGER PRIMARY KEY,
        published_at INTEGER NOT NULL,
        category TEXT NOT NULL,
        story_key TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX search_docs_category ON search_docs (category, published_at);
      CREATE INDEX search_docs_published ON search_docs (published_at);
      CREATE VIRTUAL TABLE search_tri USING fts5 (
        title, body,
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
