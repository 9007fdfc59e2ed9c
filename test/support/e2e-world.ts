import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Article, StoredArticle } from '../../src/articles/types.ts';
import { createDelivery, type OutboxDelivery } from '../../src/delivery/index.ts';
import type { Deps } from '../../src/deps.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { createBot } from '../../src/telegram/bot.ts';
import type { BotContext } from '../../src/telegram/context.ts';
import { sendAndWait } from './bot-harness.ts';
import { type FakeTelegram, type SentMessage, startFakeTelegram } from './fake-telegram/index.ts';
import { buildTestDeps, type TestDeps } from './test-deps.ts';

/**
 * The bot, the real delivery (outbox, sender, digests) and the fake Bot API on one SQLite
 * file, with a clock the test sets: deps.now and the sender's clock run on from whatever time
 * the test moved them to. New articles go in as the poller hands them over.
 */
export interface World {
  fake: FakeTelegram;
  t: TestDeps;
  deps: Deps;
  delivery: OutboxDelivery;
  bot: Telegraf<BotContext>;
  /** the clock reads `ms` now and runs on from there */
  setTime(ms: number): void;
  now(): number;
  /** injects an update and waits until the bot handled it; returns what it sent meanwhile */
  send(update: Update): Promise<SentMessage[]>;
  /** stores articles (as the poller does) and hands them to delivery; returns them stored */
  publish(items: Array<Partial<Article> & { category: string; urgent?: boolean }>): Promise<StoredArticle[]>;
  /** waits until the outbox is empty and the sender idle */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function startWorld(opts: { env?: Record<string, string>; start: number }): Promise<World> {
  const fake = await startFakeTelegram({ rateLimits: false, maxPollHoldMs: 100 });
  let offset = opts.start - Date.now();
  const now = () => Date.now() + offset;
  let delivery: OutboxDelivery | undefined;
  const t = buildTestDeps({
    env: {
      TELEGRAM_API_ROOT: fake.apiRoot,
      BOT_TOKEN: fake.token,
      USER_RATE_LIMIT: '1000',
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    now,
    delivery: (base) => {
      delivery = createDelivery(base, pushRenderer, {
        clock: now,
        idleMs: 20,
        backoffBaseMs: 5,
        sendRate: 1000,
      });
      return delivery;
    },
  });
  const deps = t.deps;
  for (const [slug, source] of [
    ['emnews', '东财滚动'],
    ['sichuanribao', '四川日报'],
    ['cls', '财联社电报'],
  ] as const)
    deps.registry.observe({ slug, source, tag: `${source}新闻`, seenAt: now(), newPosts: 5 });
  const bot = createBot(deps);
  await new Promise<void>((resolve, reject) => {
    bot.launch(() => resolve()).catch(reject);
  });
  delivery!.start();

  const send = (update: Update): Promise<SentMessage[]> => sendAndWait(fake, update);

  return {
    fake,
    t,
    deps,
    delivery: delivery!,
    bot,
    setTime(ms) {
      offset = ms - Date.now();
      delivery!.sender.wake();
    },
    now,
    send,
    async publish(items) {
      const stored = items.map((a) => {
        counter++;
        const code = a.storyKey ?? `2026${String(counter).padStart(10, '0')}`;
        const { urgent, ...rest } = a;
        const article: Article = {
          id: `${a.category}/2026/10/01/${code}-${counter}`,
          url: `https://finews.example/${a.category}/${code}-${counter}.html`,
          source: a.category,
          title: `标题 ${counter}`,
          publishedAt: now(),
          paragraphs: ['第一段。'],
          digest: null,
          attribution: null,
          sourceLink: null,
          images: [],
          storyKey: code,
          ...rest,
        };
        // stored and indexed as ingest does, so /search sees what was published
        const row = t.seed(article, `摘要 ${counter}`, now());
        // the archive keeps no urgent flag yet (the sources room adds it): it rides on the hand-over
        return urgent ? { ...row, urgent } : row;
      });
      await deps.delivery.onNewArticles(stored);
      return stored;
    },
    async settle() {
      await delivery!.drain(15_000);
    },
    async close() {
      try {
        bot.stop('test end');
      } catch {
        // already stopped
      }
      await delivery!.stop();
      await fake.close();
      t.close();
    },
  };
}
