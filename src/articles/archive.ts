import type { Logger } from '../log.ts';
import type { SearchIndex } from '../search/types.ts';
import type { Db } from '../storage/db.ts';
import type { Archive, ArticleStore, StoredArticle } from './types.ts';

export interface SqliteArchiveParts {
  articles: ArticleStore;
  search: Pick<SearchIndex, 'add'>;
  log: Pick<Logger, 'error'>;
}

/**
 * Ingest's write on SQLite (the `Archive` port): each new article stored and indexed in one
 * better-sqlite3 transaction on `db` (the database both stores live in), so a crash can't
 * leave an archived article unsearchable.
 */
export function createSqliteArchive(db: Db, { articles, search, log }: SqliteArchiveParts): Archive {
  return {
    async insertMany(items, fetchedAt) {
      const write = db.transaction(() =>
        items.map(({ article, summary }): { article: StoredArticle; inserted: boolean } => {
          const r = articles.insert(article, summary, fetchedAt);
          if (!r.inserted) return r;
          try {
            search.add(r.article);
          } catch (err) {
            // SQLite errors (disk full, busy) may already have rolled the transaction back: fail
            // the whole batch so it is retried intact; a bug in the indexer itself must not cost
            // the article
            if (String((err as { code?: unknown }).code).startsWith('SQLITE_') || !db.inTransaction)
              throw err;
            log.error({ err, seq: r.article.seq }, 'search index add failed');
          }
          return r;
        }),
      );
      return write();
    },
  };
}
