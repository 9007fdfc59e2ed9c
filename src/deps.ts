import type { Telegram } from 'telegraf';
import type { Archive, AsyncArticleStore, CategoryRegistry } from './articles/types.ts';
import type { Categories } from './chats/categories.ts';
import type { ChatStore } from './chats/types.ts';
import type { Config } from './config.ts';
import type { SendGate } from './delivery/rate-limiter-types.ts';
import type { Delivery } from './delivery/types.ts';
import type { Watchlists } from './delivery/watchlists.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { SourceHealthStore } from './ops/types.ts';
import type { Normalizer } from './search/normalize.ts';
import type { SearchPort, SearchSessions } from './search/types.ts';
import type { ChatAccess } from './service/access.ts';
import type { SiteClient } from './site/types.ts';
import type { PollStateStore } from './sources/finews/state.ts';
import type { FeedKit } from './sources/reader/kit.ts';
import type { FeedStore } from './sources/store/types.ts';
import type { Async } from './storage/async.ts';
import type { StorageProbe } from './storage/probe.ts';
import type { Summarizer } from './summarize/types.ts';
import type { ReadThrottle } from './telegram/read-throttle.ts';

/**
 * Built once in the composition root (src/app.ts) and passed down; no module singletons. No
 * database or key-value handle: each room gets a narrow store, so another backend can plug in.
 * Stores answer in Promises, whether SQLite (wrapped by asyncify) or PostgreSQL is behind them.
 */
export interface Deps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** ingest's one write: new articles and their search entries in one transaction */
  archive: Archive;
  /** the source-health watch's state (the finews site and each feed) */
  healthStore: SourceHealthStore;
  /** asked by /healthz whether storage still answers */
  storageProbe: StorageProbe;
  /** searches kept for their paging buttons */
  searchSessions: SearchSessions;
  /** repeated 全文 taps in groups */
  readThrottle: ReadThrottle;
  site: SiteClient;
  /** the finews reader's state (last success, retries, announcedThrough) */
  pollState: PollStateStore;
  articles: AsyncArticleStore;
  /** feeds and wires: validators, due times, backoff, seen keys */
  feeds: Async<FeedStore>;
  /** the feed fetcher (SSRF guard, caps), parser, page discovery and the wire catalog */
  feedKit: FeedKit;
  registry: CategoryRegistry;
  /** a user's word → a category, suggestions, and a category's label: the one way to name sources */
  categories: Categories;
  summarizer: Summarizer;
  search: SearchPort;
  chats: ChatStore;
  delivery: Delivery;
  /** the one turn for every outgoing message: replies first, pushes fill the rest */
  sendGate: SendGate;
  /** watchlists of every chat (store + compiled matcher): the one service commands use */
  watchlists: Watchlists;
  /** the search normaliser (NFKC, Traditional→Simplified, case-folded), shared by matching */
  normalizer: Normalizer;
  /** Bot API client for pushes and admin alerts (pointed at TELEGRAM_API_ROOT) */
  telegram: Telegram;
  /** who may manage which chat (Bot API admin checks, cached briefly), for commands and the Mini App */
  access: ChatAccess;
  /** injectable clock: tests move time, production uses Date.now */
  now: () => number;
}
