import type Keyv from 'keyv';
import type { Telegram } from 'telegraf';
import type { ArticleStore, CategoryRegistry } from './articles/types.ts';
import type { ChatStore } from './chats/types.ts';
import type { Config } from './config.ts';
import type { Delivery } from './delivery/types.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { SearchIndex } from './search/types.ts';
import type { SiteClient } from './site/types.ts';
import type { PollStateStore } from './sources/finews/state.ts';
import type { FeedKit } from './sources/reader/kit.ts';
import type { FeedStore } from './sources/store/types.ts';
import type { Db } from './storage/db.ts';
import type { Summarizer } from './summarize/types.ts';

/** Built once in the composition root (src/app.ts) and passed down; no module singletons. */
export interface Deps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  db: Db;
  /** key-value state (poll state, chats): SQLite by default, chosen by STORAGE_URL */
  kv: Keyv;
  site: SiteClient;
  /** the finews reader's state (last success, retries, announcedThrough) */
  pollState: PollStateStore;
  articles: ArticleStore;
  /** feeds and wires: validators, due times, backoff, seen keys */
  feeds: FeedStore;
  /** the feed fetcher (SSRF guard, caps), parser, page discovery and the wire catalog */
  feedKit: FeedKit;
  registry: CategoryRegistry;
  summarizer: Summarizer;
  search: SearchIndex;
  chats: ChatStore;
  delivery: Delivery;
  /** Bot API client for pushes and admin alerts (pointed at TELEGRAM_API_ROOT) */
  telegram: Telegram;
  /** injectable clock: tests move time, production uses Date.now */
  now: () => number;
}
