import type { Db, Migration } from '../storage/db.ts';
import { categoryMeta } from './grams.ts';
import { createNormalizer } from './normalize.ts';

/**
 * The search room's tables (self-sufficient: they do not read the articles table).
 *
 * One FTS row per story (twin posts share a story key and are indexed together), with
 * rowid = a time key (publish time in seconds), so that FTS5's descending rowid order is
 * "newest first" and a top-10 never sorts the whole match set. `search_docs` keeps
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
  {
    // titles alone, so "title matches first" reads small doclists instead of the body's
    id: 'search:2-title-index',
    up: (db: Db) => {
      db.exec(`CREATE VIRTUAL TABLE search_tri_title USING fts5 (
        title, meta,
        tokenize = 'trigram case_sensitive 1',
        content = '', contentless_delete = 1, detail = full
      )`);
      const stories = db
        .prepare(
          'SELECT story, group_concat(title, char(10)) AS titles, group_concat(category, char(10)) AS cats FROM search_docs GROUP BY story',
        )
        .all() as Array<{ story: number; titles: string; cats: string }>;
      if (stories.length === 0) return;
      const normalizer = createNormalizer();
      const insert = db.prepare('INSERT INTO search_tri_title (rowid, title, meta) VALUES (?, ?, ?)');
      for (const s of stories) {
        const title = s.titles
          .split('\n')
          .map((t) => normalizer.normalize(t))
          .join(' ');
        const cats = Array.from(new Set(s.cats.split('\n')))
          .map(categoryMeta)
          .join(' ');
        insert.run(s.story, title, cats);
      }
    },
  },
  {
    // merge segments less eagerly while ingesting: fewer rewrites of the same doclists
    id: 'search:3-automerge',
    up: `
      INSERT INTO search_tri (search_tri, rank) VALUES ('automerge', 16);
      INSERT INTO search_grams (search_grams, rank) VALUES ('automerge', 16);
    `,
  },
];
