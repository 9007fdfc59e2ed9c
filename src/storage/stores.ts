import { createSqliteArchive } from '../articles/archive.ts';
import { createCategoryRegistry } from '../articles/registry.ts';
import { createArticleStore } from '../articles/store.ts';
import type { Archive, ArticleStore, AsyncArticleStore, CategoryRegistry } from '../articles/types.ts';
import { createWatchStore, type WatchStore } from '../chats/watch-store.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { createSearchIndex } from '../search/index.ts';
import type { Normalizer } from '../search/normalize.ts';
import type { SearchIndex, SearchPort } from '../search/types.ts';
import { createFeedStore } from '../sources/store/sqlite.ts';
import type { FeedStore } from '../sources/store/types.ts';
import { type Async, asyncify } from './async.ts';
import type { Db } from './db.ts';
import { createSqliteProbe, type StorageProbe } from './probe.ts';

/** The stores every instance of one bot must see alike: one backend's set, chosen at the root. */
export interface SharedStores {
  articles: AsyncArticleStore;
  archive: Archive;
  search: SearchPort;
  /** read synchronously (labels in every reply); on PostgreSQL a cache that `refresh` re-reads */
  registry: CategoryRegistry;
  feeds: Async<FeedStore>;
  watches: Async<WatchStore>;
  probe: StorageProbe;
  /** other instances write these stores too: in-memory views re-read them before use */
  shared: boolean;
  /** re-reads what other instances changed (the category cache); nothing to do on SQLite */
  refresh(): Promise<void>;
}

export interface StoreParts {
  log: Logger;
  metrics: Metrics;
  normalizer: Normalizer;
  now: () => number;
}

/** Reports an article row that can't be read back whole (corrupt JSON column), on any backend. */
export const corruptRowReporter =
  ({ log, metrics }: Pick<StoreParts, 'log' | 'metrics'>) =>
  ({ seq, field, error }: { seq: number; field: string; error: string }) => {
    metrics.parseFailures.inc({ reason: 'corrupt-row' });
    log.error({ seq, field, error }, 'corrupt article row: served without that column, kept in the table');
  };

/**
 * The single-instance set: every store in the one SQLite file. The synchronous originals are
 * returned too (`sqlite`), for tests and tools that seed the file directly.
 */
export function createSqliteStores(
  db: Db,
  p: StoreParts,
): SharedStores & { sqlite: { articles: ArticleStore; search: SearchIndex } } {
  const articles = createArticleStore(db, corruptRowReporter(p));
  const search = createSearchIndex(db, { normalizer: p.normalizer });
  return {
    articles: asyncify(articles),
    archive: createSqliteArchive(db, { articles, search, log: p.log }),
    search: asyncify(search),
    registry: createCategoryRegistry(db),
    feeds: asyncify(createFeedStore(db)),
    watches: asyncify(createWatchStore(db, p.now)),
    probe: createSqliteProbe(db),
    shared: false,
    refresh: async () => {},
    sqlite: { articles, search },
  };
}
