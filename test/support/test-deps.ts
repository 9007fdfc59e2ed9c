import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildBaseDeps } from '../../src/app.ts';
import type { Article, ArticleStore, StoredArticle } from '../../src/articles/types.ts';
import { loadConfig } from '../../src/config.ts';
import type { DeliveryDeps } from '../../src/delivery/index.ts';
import { createOutbox } from '../../src/delivery/outbox.ts';
import { asyncOutbox } from '../../src/delivery/outbox-async.ts';
import type { Delivery } from '../../src/delivery/types.ts';
import type { Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/metrics.ts';
import { createNormalizer } from '../../src/search/normalize.ts';
import type { SearchIndex } from '../../src/search/types.ts';
import type { SiteClientOptions } from '../../src/site/client.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { allMigrations } from '../../src/storage/migrations.ts';
import { createSqliteStores } from '../../src/storage/stores.ts';

export const TEST_TOKEN = '123456:TEST-token-for-kuaixun-tests-only';

/** Delivery that records what the site reader hands over (the real one is in src/delivery). */
export interface RecordingDelivery extends Delivery {
  batches: StoredArticle[][];
  readonly announced: StoredArticle[];
}

export function recordingDelivery(): RecordingDelivery {
  const batches: StoredArticle[][] = [];
  return {
    batches,
    get announced() {
      return batches.flat();
    },
    async onNewArticles(articles) {
      batches.push([...articles]);
    },
    runDigests: async () => 0,
    enqueue: async (items) => items.length,
    start() {},
    stop: async () => {},
    drain: async () => {},
    stats: async () => ({ pending: 0, sending: 0, merged: 0, sent: 0, dropped: 0, failed: 0 }),
    prune: async () => 0,
  };
}

export interface TestDepsOptions {
  siteUrl?: string;
  /** extra environment for loadConfig (strings, as in .env) */
  env?: Record<string, string>;
  now?: () => number;
  site?: Partial<SiteClientOptions>;
  /** build delivery from the other deps and an outbox on the same storage (e.g. the real createDelivery) */
  delivery?: (base: DeliveryDeps) => Delivery;
  overrides?: Partial<Deps>;
  /** reuse a data directory (restart tests); a new temp dir otherwise */
  dir?: string;
}

export interface TestDeps {
  deps: Deps;
  dir: string;
  dbPath: string;
  /** the opened backend, for tests that set up or break state below the stores */
  storage: Storage;
  /** the synchronous SQLite stores behind deps.articles and deps.search, for seeding */
  sqlite: { articles: ArticleStore; search: SearchIndex };
  /** stores and indexes one article at once, as ingest would (no summary made) */
  seed(article: Article, summary?: string, fetchedAt?: number): StoredArticle;
  delivery: RecordingDelivery;
  /** every log line, parsed */
  logs: Array<Record<string, unknown>>;
  /** closes storage; `remove` also deletes the temp dir */
  close(opts?: { remove?: boolean }): void;
}

/** A real Deps from real parts: SQLite file in a temp dir, real site client, real search index. */
export function buildTestDeps(opts: TestDepsOptions = {}): TestDeps {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'kuaixun-test-'));
  const dbPath = join(dir, 'kuaixun.sqlite');
  const config = loadConfig({
    SITE_URL: opts.siteUrl ?? 'http://127.0.0.1:9',
    STORAGE_URL: `sqlite://${dbPath}`,
    BOT_TOKEN: TEST_TOKEN,
    LOG_LEVEL: 'debug',
    FETCH_TIMEOUT: '10s',
    FETCH_MAX_BYTES: '2000000',
    ...opts.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const log = createLogger({
    level: config.LOG_LEVEL,
    secrets: [TEST_TOKEN],
    destination: sink,
    pretty: false,
  });
  const metrics = createMetrics();
  const storage = openStorage(config, allMigrations());
  const now = opts.now ?? Date.now;
  const recording = recordingDelivery();
  const normalizer = createNormalizer();
  const stores = createSqliteStores(storage.db, { log, metrics, normalizer, now });
  const base: Omit<Deps, 'delivery'> = {
    ...buildBaseDeps(config, {
      log,
      metrics,
      storage,
      now,
      stores,
      normalizer,
      site: { backoffMs: 10, ...opts.site },
    }),
    ...opts.overrides,
  };
  const deps: Deps = {
    ...base,
    delivery: opts.delivery
      ? opts.delivery({ ...base, outbox: asyncOutbox(createOutbox(storage.db)) })
      : recording,
    ...opts.overrides,
  };
  return {
    deps,
    dir,
    dbPath,
    storage,
    sqlite: stores.sqlite,
    seed(article, summary = '', fetchedAt = now()) {
      const r = stores.sqlite.articles.insert(article, summary, fetchedAt);
      if (r.inserted) stores.sqlite.search.add(r.article);
      return r.article;
    },
    delivery: recording,
    logs,
    close(o = {}) {
      void storage.close();
      if (o.remove !== false && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
