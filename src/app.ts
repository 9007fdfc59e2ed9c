import { Telegram } from 'telegraf';
import { run as runDigest } from '../jobs/digest.ts';
import { run as runFeeds } from '../jobs/feeds.ts';
import { run as runPoll } from '../jobs/poll.ts';
import { run as runPrune } from '../jobs/prune.ts';
import { createCategories } from './chats/categories.ts';
import { createChatStore } from './chats/store.ts';
import type { CriticalSections } from './chats/types.ts';
import type { Config } from './config.ts';
import { createDelivery } from './delivery/index.ts';
import { createOutbox } from './delivery/outbox.ts';
import { asyncOutbox } from './delivery/outbox-async.ts';
import { LocalSendGate } from './delivery/rate-limiter-local.ts';
import type { SendGate } from './delivery/rate-limiter-types.ts';
import { createWatchlists } from './delivery/watchlists.ts';
import type { Deps } from './deps.ts';
import { createLogger, type Logger } from './log.ts';
import { createStockDirectory, loadAShares } from './match/stocks.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createSourceHealth } from './ops/source-health.ts';
import { createKeyvSourceHealthStore } from './ops/source-health-store.ts';
import { pushRenderer } from './present/push-row.ts';
import { sourceAlertText } from './present/source-alert.ts';
import type { ScheduledJob } from './scheduler.ts';
import { createNormalizer, type Normalizer } from './search/normalize.ts';
import { createSearchSessions } from './search/sessions.ts';
import { createChatAccess } from './service/access.ts';
import { createKeyvManagerHints } from './service/manager-hints.ts';
import { type SiteClientOptions, siteClientFromConfig } from './site/client.ts';
import { createValidatorStore } from './site/validators.ts';
import type { FetcherOptions } from './sources/fetch/fetcher.ts';
import { createPollStateStore } from './sources/finews/state.ts';
import { createFeedHealth } from './sources/reader/health.ts';
import { buildFeedKit } from './sources/reader/kit.ts';
import { registerWires } from './sources/subscribe/add-wire.ts';
import { openBackend, type Storage } from './storage/index.ts';
import { allMigrations } from './storage/migrations.ts';
import { openPgStores } from './storage/postgres/stores.ts';
import { type Coordination, openCoordination } from './storage/redis/index.ts';
import { createSqliteStores, type SharedStores } from './storage/stores.ts';
import { createSummarizer } from './summarize/index.ts';
import { createReadThrottle } from './telegram/read-throttle.ts';

/** a claim on PostgreSQL lapses this long after its instance died; renewed at a third of it */
const OUTBOX_LEASE_MS = 15_000;

export interface AppOptions {
  log?: Logger;
  now?: () => number;
}

export interface Core {
  deps: Deps;
  storage: Storage;
  jobs: ScheduledJob[];
  /** Redis (REDIS_URL): the shared send gate and job leases; absent for a single instance */
  coordination?: Coordination;
  /** writes what is still queued (PostgreSQL's category counts), then closes storage */
  close(): Promise<void>;
}

export interface BaseParts {
  log: Logger;
  metrics: Metrics;
  storage: Storage;
  now: () => number;
  /** site client options beyond the config (tests shorten backoff) */
  site?: Partial<SiteClientOptions>;
  /** the shared send gate (the Redis one when instances share a rate); in-process otherwise */
  sendGate?: SendGate;
  /** feed fetcher options beyond the config (benchmarks count requests, tests resolve names) */
  fetcher?: Partial<FetcherOptions> | undefined;
  /** the stores of the chosen backend; the SQLite file's by default */
  stores?: SharedStores | undefined;
  /** chat sections across instances (Redis); in-process otherwise */
  lock?: CriticalSections | undefined;
  /** the search normaliser the stores were built with */
  normalizer?: Normalizer | undefined;
}

/** Every dependency but delivery, from the config and the opened storage (tests build the same graph). */
export function buildBaseDeps(config: Config, p: BaseParts): Omit<Deps, 'delivery'> {
  const { log, metrics, storage, now } = p;
  const normalizer = p.normalizer ?? createNormalizer();
  const stores = p.stores ?? createSqliteStores(storage.db, { log, metrics, normalizer, now });
  const { articles, registry } = stores;
  const chats = createChatStore(storage.kv, {
    maxSubscriptions: config.MAX_SUBSCRIPTIONS,
    defaultTz: config.TZ,
    now,
    // a subscription starts at the archive's end: digests read only what comes after it
    position: () => articles.maxSeq(),
    ...(p.lock ? { lock: p.lock } : {}),
  });
  // an absent token still builds a client so `preview` and `doctor` share this root
  const telegram = new Telegram(config.BOT_TOKEN ?? '0:none', { apiRoot: config.TELEGRAM_API_ROOT });
  const site = siteClientFromConfig(config, {
    metrics,
    log: log.child({ room: 'site' }),
    // ETags survive restarts, so the first tick after an upgrade is still cheap (on PostgreSQL
    // they stay in the instance's own file: another instance's first read is just unconditional)
    validators: createValidatorStore(storage.db),
    ...p.site,
  });
  return {
    config,
    log,
    metrics,
    healthStore: createKeyvSourceHealthStore(storage.kv),
    archive: stores.archive,
    storageProbe: stores.probe,
    searchSessions: createSearchSessions(storage.kv),
    readThrottle: createReadThrottle(storage.kv),
    site,
    articles,
    pollState: createPollStateStore(storage.kv),
    feeds: stores.feeds,
    feedKit: buildFeedKit(config, p),
    registry,
    categories: createCategories({ registry, site, now }),
    summarizer: createSummarizer({ budget: config.SUMMARY_BUDGET }),
    search: stores.search,
    normalizer,
    watchlists: createWatchlists({
      store: stores.watches,
      shared: stores.shared,
      normalizer,
      // 600519 and 贵州茅台 are one entity: watching either catches both
      stocks: createStockDirectory(loadAShares(), { normalizer }),
      perChat: config.WATCH_MAX_PER_CHAT,
      total: config.WATCH_MAX_TOTAL,
    }),
    chats,
    telegram,
    // one admin cache for commands and the Mini App, so both see a demotion at the same time
    access: createChatAccess({ telegram, chats, hints: createKeyvManagerHints(storage.kv), now }),
    sendGate: p.sendGate ?? new LocalSendGate({ rate: config.SEND_RATE }),
    now,
  };
}

/** The composition root: every dependency is built here, once, and handed down. */
export async function buildCore(config: Config, opts: AppOptions = {}): Promise<Core> {
  const log =
    opts.log ??
    createLogger({ level: config.LOG_LEVEL, secrets: config.BOT_TOKEN ? [config.BOT_TOKEN] : [] });
  const metrics = createMetrics({ defaults: true });
  let lastPoolError = 0;
  const storage = await openBackend(
    config,
    allMigrations(),
    (key, reason) => {
      metrics.parseFailures.inc({ reason: 'corrupt-kv' });
      log.error({ key, reason }, 'corrupt key-value entry moved to kv_quarantine');
    },
    (err) => {
      // an idle connection the server dropped: counted always, logged at most once a minute
      metrics.storeErrors.inc({ store: 'connection' });
      if (Date.now() - lastPoolError < 60_000) return;
      lastPoolError = Date.now();
      log.warn({ err }, 'postgres: a pooled connection failed; the next query reconnects');
    },
  );
  const now = opts.now ?? Date.now;
  const normalizer = createNormalizer();
  // PostgreSQL: every store shared by the instances; the outbox claims under a short lease
  const pg = storage.pool
    ? await openPgStores(storage.pool, storage.db, {
        log,
        metrics,
        normalizer,
        now,
        outbox: { leaseMs: OUTBOX_LEASE_MS },
      })
    : undefined;
  const coordination = openCoordination(config, log.child({ room: 'redis' }));
  const base = buildBaseDeps(config, {
    log,
    metrics,
    storage,
    now,
    normalizer,
    ...(pg ? { stores: pg } : {}),
    ...(coordination ? { sendGate: coordination.sendGate, lock: coordination.lock } : {}),
  });
  const outbox = pg?.outbox ?? asyncOutbox(createOutbox(storage.db));
  const deps: Deps = {
    ...base,
    delivery: createDelivery({ ...base, outbox }, pushRenderer, { leaseRenewMs: OUTBOX_LEASE_MS / 3 }),
  };
  const sourceHealth = createSourceHealth(deps, sourceAlertText);
  const feedHealth = createFeedHealth(deps, sourceAlertText);
  // the wires are browsable in /categories before anyone subscribes to one
  await registerWires(deps, deps.feedKit.catalog.wires);
  let finews: Promise<unknown> = Promise.resolve();
  const jobs: ScheduledJob[] = [
    // every report also feeds the source-health watch that alerts ADMIN_IDS
    {
      name: 'poll',
      cron: config.POLL_CRON,
      run: () => {
        finews = (async () => sourceHealth.observe(await runPoll(deps)))();
        return finews;
      },
    },
    // on the same tick, after finews: a thousand feeds never make a finews tick late, and a
    // slow feed cycle only skips feed ticks (its own overlap guard), never finews ones
    {
      name: 'feeds',
      cron: config.POLL_CRON,
      run: async () => {
        await finews.catch(() => {});
        return runFeeds(deps, feedHealth);
      },
    },
    { name: 'digest', cron: config.DIGEST_CRON, run: () => runDigest(deps) },
    { name: 'prune', cron: config.PRUNE_CRON, run: () => runPrune(deps) },
    // categories other instances learned (and their counts) reach this one's cache
    ...(pg
      ? [{ name: 'refresh', cron: '*/30 * * * * *', everyInstance: true, run: () => pg.refresh() }]
      : []),
  ];
  const close = async () => {
    await pg?.refresh().catch((err: unknown) => log.warn({ err }, 'categories: last writes not flushed'));
    await storage.close();
  };
  return { deps, storage, jobs, close, ...(coordination ? { coordination } : {}) };
}
