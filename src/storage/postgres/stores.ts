import type pg from 'pg';
import type { SearchPort } from '../../search/types.ts';
import type { Db } from '../db.ts';
import { corruptRowReporter, type SharedStores, type StoreParts } from '../stores.ts';
import { createPgArchive } from './archive.ts';
import { createPgArticleStore } from './articles.ts';
import { migratePgArchive } from './articles-schema.ts';
import { createPgFeedStore, migratePgFeeds } from './feeds.ts';
import { createPgOutbox, migratePgOutbox, type PgOutboxOptions } from './outbox.ts';
import { createPgProbe } from './probe.ts';
import { createPgRegistry } from './registry.ts';
import { createPgSearchIndex } from './search.ts';
import { markServing } from './serving.ts';
import { createPgWatchStore, migratePgWatches } from './watches.ts';

/**
 * Every shared store on one PostgreSQL pool, for any number of instances: tables migrated
 * (each under its own advisory lock, so instances starting together don't race), the category
 * cache loaded, and search answered from this instance's FTS5 replica in `local`, fed from the
 * search log. Also the outbox, which the composition root hands to delivery.
 */
export async function openPgStores(
  pool: pg.Pool,
  local: Db,
  p: StoreParts & { outbox?: PgOutboxOptions },
): Promise<SharedStores & { outbox: ReturnType<typeof createPgOutbox> }> {
  await migratePgArchive(pool);
  await migratePgFeeds(pool);
  await migratePgWatches(pool);
  await migratePgOutbox(pool);
  await markServing(pool, Date.now());
  const registry = createPgRegistry(pool, {
    onError: (err) => {
      p.metrics.storeErrors.inc({ store: 'categories' });
      p.log.error({ err }, 'categories: a write to PostgreSQL failed; retried with the next one');
    },
  });
  await registry.load();
  const index = createPgSearchIndex(pool, local, { normalizer: p.normalizer });
  // the replica catches up before every query; an empty one (a new instance) starts building now,
  // in the background, so the instance serves everything else at once
  const started = Date.now();
  index
    .catchUp()
    .then((n) => {
      if (n) p.log.info({ entries: n, ms: Date.now() - started }, 'search replica brought up to date');
    })
    .catch((err: unknown) =>
      p.log.error({ err }, 'search replica: catching up failed; retried at the next query'),
    );
  const search: SearchPort = { search: index.search, remove: index.remove, count: index.count };
  return {
    articles: createPgArticleStore(pool, corruptRowReporter(p)),
    archive: createPgArchive(pool, corruptRowReporter(p)),
    search,
    registry,
    feeds: createPgFeedStore(pool),
    watches: createPgWatchStore(pool, p.now),
    probe: createPgProbe(pool),
    shared: true,
    async refresh() {
      await registry.flush();
      await registry.refresh();
    },
    outbox: createPgOutbox(pool, p.outbox ?? {}),
  };
}
