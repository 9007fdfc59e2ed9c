import type { Logger } from '../log.ts';
import type { SearchIndex } from '../search/types.ts';
import type { Db } from '../storage/db.ts';
import type { Archive, ArticleStore, NewArticle, StoredArticle } from './types.ts';

/**
 * Ingest's write on SQLite: articles and their search entries in one better-sqlite3
 * transaction, so a crash can't leave an archived article unsearchable.
 */
export function createSqliteArchive(
  db: Db,
  d: { articles: ArticleStore; search: Pick<SearchIndex, 'add'>; log: Logger },
): Archive {
  const run = db.transaction((items: readonly NewArticle[], fetchedAt: number) => {
    const out: Array<{ article: StoredArticle; inserted: boolean }> = [];
    for (const { article, summary } of items) {
      const r = d.articles.insert(article, summary, fetchedAt);
      out.push(r);
      if (!r.inserted) continue;
      try {
        d.search.add(r.article);
      } catch (err) {
        // SQLite errors (disk full, busy) may already have rolled the transaction back: fail the
        // whole batch so it is retried intact; a bug in the indexer itself must not cost the article
        if (String((err as { code?: unknown }).code).startsWith('SQLITE_') || !db.inTransaction) throw err;
        d.log.error({ err, seq: r.article.seq }, 'search index add failed');
      }
    }
    return out;
  });
  return { insertMany: async (items, fetchedAt) => run(items, fetchedAt) };
}
