import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { createArticleStore } from '../../src/articles/store.ts';
import type { Article, ArticleStore, StoredArticle } from '../../src/articles/types.ts';
import { createChatStore } from '../../src/chats/store.ts';
import type { ChatKind, ChatStore } from '../../src/chats/types.ts';
import { loadConfig } from '../../src/config.ts';
import {
  createDelivery,
  type DeliveryDeps,
  type DeliveryOptions,
  type OutboxDelivery,
} from '../../src/delivery/index.ts';
import { createOutbox } from '../../src/delivery/outbox.ts';
import type { SendGate } from '../../src/delivery/rate-limiter-types.ts';
import { type SendMessage, telegramSend } from '../../src/delivery/sender-types.ts';
import type { Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics, type Metrics } from '../../src/metrics.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { allMigrations } from '../../src/storage/migrations.ts';
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram/index.ts';

/** Rate limits scaled down 50× so tests run fast while the fake still enforces them. */
export const FAST_FAKE_LIMITS = {
  privatePerSecond: 50,
  privateBurst: 1,
  groupPerMinute: 600,
  groupBurst: 5,
  globalPerSecond: 2000,
  globalBurst: 200,
};
export const FAST_CHAT_LIMITS = {
  private: { max: 1, windowMs: 20 },
  group: { max: 5, windowMs: 500 },
};

export interface Harness {
  dir: string;
  dbPath: string;
  storage: Storage;
  chats: ChatStore;
  articles: ArticleStore;
  metrics: Metrics;
  deps: Omit<Deps, 'delivery'>;
  delivery: OutboxDelivery;
  fake: FakeTelegram | undefined;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** false: no fake server (unit tests of fan-out and digests) */
  fake?: FakeTelegramOptions | false;
  delivery?: DeliveryOptions;
  /** wraps the Bot API send (to watch each request leave and each answer come back) */
  wrapSend?: (send: SendMessage) => SendMessage;
  dir?: string;
  now?: () => number;
  env?: Record<string, string>;
  /** a fake running elsewhere (the crash test's child process) */
  remote?: { apiRoot: string; token: string };
  /** the app's shared gate (deps.sendGate): the sender then takes its limits from it */
  sendGate?: SendGate;
}

export async function makeHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'kx-delivery-'));
  const dbPath = join(dir, 'kx.sqlite');
  const fake =
    opts.fake === false || opts.remote
      ? undefined
      : await startFakeTelegram(opts.fake ?? { rateLimits: FAST_FAKE_LIMITS });
  const api = opts.remote ?? (fake ? { apiRoot: fake.apiRoot, token: fake.token } : undefined);
  const config = loadConfig({
    ...(api ? { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot } : {}),
    STORAGE_URL: `sqlite://${dbPath}`,
    ...opts.env,
  });
  const storage = openStorage(config, allMigrations());
  const now = opts.now ?? Date.now;
  const chats = createChatStore(storage.kv, { maxSubscriptions: 200, defaultTz: 'Asia/Shanghai', now });
  const articles = createArticleStore(storage.db);
  const metrics = createMetrics();
  const log = createLogger({ level: 'silent', secrets: [] });
  const telegram = new Telegram(api?.token ?? 'none', { apiRoot: api?.apiRoot ?? 'http://127.0.0.1:9' });
  const deps = {
    config,
    log,
    metrics,
    outbox: createOutbox(storage.db),
    articles,
    chats,
    telegram,
    now,
    sendGate: opts.sendGate,
  } as unknown as DeliveryDeps;
  // createDelivery uses deps.sendGate only when neither limits nor a rate are given; the
  // rollup horizon then goes back to its default, made for Telegram's limits
  const shared = opts.sendGate
    ? { chatLimits: undefined, sendRate: undefined, rollupHorizonMs: undefined }
    : {};
  const wrapped = opts.wrapSend ? { send: opts.wrapSend(telegramSend(telegram)) } : {};
  const delivery = createDelivery(deps, pushRenderer, {
    ...wrapped,
    chatLimits: FAST_CHAT_LIMITS,
    backoffBaseMs: 5,
    backoffMaxMs: 50,
    idleMs: 20,
    sendTimeoutMs: 2000,
    rollupHorizonMs: 500,
    sendRate: 1000,
    ...shared,
    ...opts.delivery,
  });
  return {
    dir,
    dbPath,
    storage,
    chats,
    articles,
    metrics,
    deps,
    delivery,
    fake,
    async close() {
      await delivery.stop();
      await fake?.close();
      await storage.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** Stores an article as the site reader would; `fetchedAt` defaults to now. */
export function addArticle(
  articles: ArticleStore,
  a: Partial<Article> & { category: string },
  fetchedAt = Date.now(),
): StoredArticle {
  counter++;
  const code = a.storyKey ?? `2022${String(counter).padStart(10, '0')}`;
  const article: Article = {
    id: `${a.category}/2022/05/31/${code}-${counter}`,
    url: `https://finews.example/${encodeURIComponent(a.category)}/2022/05/31/${code}-${counter}.html`,
    source: a.category === 'emnews' ? '东财滚动新闻' : '四川日报',
    title: `标题 ${counter} <b>&amp;`,
    publishedAt: Date.UTC(2022, 4, 31, 2, 0, 0),
    paragraphs: ['第一段。'],
    digest: null,
    attribution: null,
    sourceLink: null,
    images: [],
    storyKey: code,
    ...a,
  };
  return articles.insert(article, a.digest ?? `摘要 ${counter}：总保费295亿元，同比增长 6.35%。`, fetchedAt)
    .article;
}

/** Creates (or updates) a chat subscribed to the slugs at `subscribedAt`. */
export async function addChat(
  chats: ChatStore,
  id: number,
  slugs: string[],
  opts: {
    kind?: ChatKind;
    subscribedAt?: number;
    mode?: 'instant' | 'digest';
    tz?: string;
    lang?: 'zh' | 'en';
  } = {},
): Promise<void> {
  const kind = opts.kind ?? (id > 0 ? 'private' : 'supergroup');
  await chats.ensure(id, { kind });
  await chats.subscribe(id, slugs, opts.subscribedAt ?? Date.now() - 1000);
  const patch: Record<string, unknown> = {};
  if (opts.mode) patch['mode'] = opts.mode;
  if (opts.tz) patch['tz'] = opts.tz;
  if (opts.lang) patch['lang'] = opts.lang;
  if (Object.keys(patch).length) await chats.update(id, patch);
}
