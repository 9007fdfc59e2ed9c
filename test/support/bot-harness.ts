import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterEach, beforeEach } from 'vitest';
import { LocalSendGate } from '../../src/delivery/rate-limiter-local.ts';
import type { Delivery } from '../../src/delivery/types.ts';
import type { Deps } from '../../src/deps.ts';
import { createBot } from '../../src/telegram/bot.ts';
import type { BotContext } from '../../src/telegram/context.ts';
import { type FakeTelegram, type SentMessage, startFakeTelegram } from './fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';
import { checkTelegramHtml } from './strict-html.ts';
import { buildTestDeps, type TestDeps } from './test-deps.ts';

export const OPERATOR_ID = 900;

/** Categories as the poller would have learned them (the snapshots hold a handful). */
export const SEED_CATEGORIES = [
  { slug: 'sichuanribao', source: '四川日报', tag: '四川日报新闻', newPosts: 5 },
  { slug: 'sichuanzaixian', source: '四川在线', tag: '四川在线新闻', newPosts: 2 },
  { slug: 'emnews', source: '东财滚动', tag: '东财滚动新闻', newPosts: 40 },
  { slug: 'meirijingjixinwen', source: '每日经济新闻', tag: '每日经济新闻新闻', newPosts: 3 },
  { slug: '21shijijingjibaodao 21caijingAPP', source: '21世纪经济报道 21财经APP', tag: '', newPosts: 1 },
];

/** A Delivery that records what commands asked of it. */
export function recordingDelivery() {
  const digestCalls: Array<{ now: number; force?: { chatId: number } }> = [];
  const delivery: Delivery = {
    async onNewArticles() {},
    enqueue: async (items) => items.length,
    async runDigests(now, force) {
      digestCalls.push({ now, ...(force ? { force } : {}) });
      return 1;
    },
    start() {},
    async stop() {},
    async drain() {},
    stats: async () => ({ pending: 3, sending: 0, merged: 0, sent: 10, dropped: 0, failed: 0 }),
    prune: async () => 0,
  };
  return { delivery, digestCalls };
}

export interface Harness {
  fake: FakeTelegram;
  site: SiteServer;
  t: TestDeps;
  deps: Deps;
  bot: Telegraf<BotContext>;
  digestCalls: ReturnType<typeof recordingDelivery>['digestCalls'];
  /** injects one update, waits until the bot handled it, returns what the bot sent meanwhile */
  send(update: Update): Promise<SentMessage[]>;
  /** the last message text sent to a chat (plain) */
  close(): Promise<void>;
}

export async function startHarness(
  opts: { env?: Record<string, string>; now?: () => number; launch?: boolean } = {},
) {
  const site = await startSiteServer({ snapshot: 's3-2022-03-15' });
  const fake = await startFakeTelegram({ rateLimits: false, maxPollHoldMs: 100 });
  const rec = recordingDelivery();
  const t = buildTestDeps({
    siteUrl: site.url,
    env: {
      TELEGRAM_API_ROOT: fake.apiRoot,
      BOT_TOKEN: fake.token,
      USER_RATE_LIMIT: '1000',
      MAX_SUBSCRIPTIONS: '6',
      ADMIN_IDS: String(OPERATOR_ID),
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    ...(opts.now ? { now: opts.now } : {}),
    delivery: () => rec.delivery,
    // the fake here has no flood limits, and thousands of fuzz cases must not wait out Telegram's
    // per-chat windows; test/telegram/send-rate.test.ts runs the real gate against the real limits
    overrides: { sendGate: new LocalSendGate({ rate: Number.POSITIVE_INFINITY, chatLimits: null }) },
  });
  const deps = t.deps;
  for (const c of SEED_CATEGORIES) deps.registry.observe({ ...c, seenAt: deps.now() });
  const bot = createBot(deps);
  if (opts.launch !== false) {
    await new Promise<void>((resolve, reject) => {
      bot.launch(() => resolve()).catch(reject);
    });
  }

  const send = (update: Update): Promise<SentMessage[]> => sendAndWait(fake, update);

  const close = async () => {
    try {
      bot.stop('test end');
    } catch {
      // already stopped
    }
    await fake.close();
    await site.close();
    t.close();
  };
  return { fake, site, t, deps, bot, digestCalls: rec.digestCalls, send, close } satisfies Harness;
}

/** Every HTML message the bot sent is valid Telegram HTML and within the length limit. */
export function assertCleanOutput(fake: FakeTelegram): void {
  // refusals such as "chat not found" for a mistyped @channel are expected; malformed output never is
  const rejected = fake.rejected({ reason: 'validation' });
  if (rejected.length)
    throw new Error(`rejected calls: ${JSON.stringify(rejected.map((r) => r.description))}`);
  for (const m of fake.sent()) {
    if (m.text === undefined || m.method === 'answerCallbackQuery') continue;
    if (m.parseMode !== 'HTML') throw new Error(`message without HTML parse mode: ${m.text}`);
    const check = checkTelegramHtml(m.text);
    if (!check.ok) throw new Error(`invalid HTML: ${check.error} in ${m.text}`);
    if (check.plainText.length > 4096 || m.text.length > 4096) throw new Error('message too long');
    for (const row of (m.replyMarkup?.inline_keyboard as Array<Array<{ callback_data?: string }>>) ?? []) {
      for (const b of row) {
        if (b.callback_data !== undefined && Buffer.byteLength(b.callback_data) > 64) {
          throw new Error(`callback data too long: ${b.callback_data}`);
        }
      }
    }
  }
  const unanswered = fake.unansweredCallbackQueries();
  if (unanswered.length) throw new Error(`unanswered callback queries: ${unanswered.length}`);
}

/** Plain text of the messages (not edits or answers) among `sent`. */
export const texts = (sent: SentMessage[]): string[] =>
  sent.filter((s) => s.method === 'sendMessage').map((s) => s.plainText ?? s.text ?? '');

/** callback_data of every button in a sent message, by button text. */
export function buttons(m: SentMessage | undefined): Array<{ text: string; data: string }> {
  const rows =
    (m?.replyMarkup?.inline_keyboard as Array<Array<{ text: string; callback_data?: string }>>) ?? [];
  return rows.flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
}

/**
 * A fresh harness for each test of a file, its output checked for validity and closed after
 * the test: `let h: Harness; harnessPerTest((x) => { h = x; });`
 */
export function harnessPerTest(set: (h: Harness) => void, opts?: Parameters<typeof startHarness>[0]): void {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(opts);
    set(current);
  });
  afterEach(async () => {
    if (!current) return;
    assertCleanOutput(current.fake);
    await current.close();
  });
}

/**
 * Puts one update in the fake's queue and waits until the polling bot handled it: telegraf
 * handles a batch before it asks for the next one, so a getUpdates whose offset is past this
 * update means the handler finished. Returns what the bot sent meanwhile.
 */
export async function sendAndWait(fake: FakeTelegram, update: Update): Promise<SentMessage[]> {
  const mark = fake.mark();
  const injected = fake.injectUpdate(update);
  const deadline = Date.now() + 10_000;
  while (
    !fake.calls.some(
      (c) =>
        c.seq > mark &&
        c.method === 'getUpdates' &&
        Number((c.body as { offset?: number }).offset) > injected.update_id,
    )
  ) {
    if (Date.now() > deadline) throw new Error(`update ${injected.update_id} not handled in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return fake.sent().filter((s) => s.seq > mark);
}
