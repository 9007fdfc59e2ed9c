import type { Deps } from '../deps.ts';
import { type DigestDeps, onDigestDelivered, runDigests } from './digest.ts';
import { articleKey, fanOut } from './fanout.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import type { ChatLimits } from './rate-limiter.ts';
import type { PushRenderer } from './render-port.ts';
import { createRowRender } from './resolve-row.ts';
import { Sender, type SendMessage } from './sender.ts';
import { telegramSend } from './sender-types.ts';
import { createStoryRouter, type StoryRouter } from './stories.ts';
import { createTradingCalendar, expandDays, type TradingCalendar } from './trading.ts';
import type { Delivery } from './types.ts';

export type { Delivery } from './types.ts';

export interface DeliveryOptions {
  /** the sender's clock (rate windows, retries, max age); real time by default */
  clock?: (() => number) | undefined;
  /** replaces deps.telegram (benchmarks, tests) */
  send?: SendMessage | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  chatLimits?: ChatLimits | undefined;
  concurrency?: number | undefined;
  backoffBaseMs?: number | undefined;
  backoffMaxMs?: number | undefined;
  sendTimeoutMs?: number | undefined;
  rollupHorizonMs?: number | undefined;
  idleMs?: number | undefined;
  /** how often the claims of sends in flight are renewed */
  leaseRenewMs?: number | undefined;
  /** overrides config.SEND_RATE */
  sendRate?: number | undefined;
  digestGraceMin?: number | undefined;
  digestMaxItems?: number | undefined;
  /** A-share trading days; by default chinese-days plus config.TRADING_CLOSED_DAYS */
  calendar?: TradingCalendar | undefined;
}

export type OutboxDelivery = Delivery & { sender: Sender; outbox: AsyncOutbox };

/** The other deps plus the durable outbox, which the composition root opens on its backend. */
export type DeliveryDeps = Omit<Deps, 'delivery'> & { outbox: AsyncOutbox };

/**
 * The outbox delivery: fan-out, digests and one sender loop over the outbox it is given. Every
 * word it sends comes from `renderer` (the presentation room's, passed in by the composition root).
 */
export function createDelivery(
  deps: DeliveryDeps,
  renderer: PushRenderer,
  opts: DeliveryOptions = {},
): OutboxDelivery {
  // Telegram's limits, retries and DELIVERY_MAX_AGE run on real time even when a test freezes
  // deps.now for the site: a frozen clock would stall every per-chat window
  const clock = opts.clock ?? Date.now;
  const { outbox } = deps;
  // hand-built test deps may lack these two: then no watchlists and no filters
  const normalize = deps.normalizer ? (text: string) => deps.normalizer.normalize(text) : undefined;
  const watchlists = deps.watchlists as Deps['watchlists'] | undefined;
  const digestDeps: DigestDeps = {
    chats: deps.chats,
    articles: deps.articles,
    outbox,
    log: deps.log,
    metrics: deps.metrics,
    clock,
    renderDigest: renderer.digest,
    storyKey: (a) => router?.keyOf(a) ?? articleKey(a),
    graceMin: opts.digestGraceMin,
    normalize,
    maxItems: opts.digestMaxItems,
    isTradingDay: (
      opts.calendar ?? createTradingCalendar(deps.config.TRADING_CLOSED_DAYS.flatMap(expandDays))
    ).isTradingDay,
  };
  // built at the first fan-out: it reads the last 24 h of the archive to refill its window
  let router: StoryRouter | undefined;
  let building: Promise<StoryRouter> | undefined;
  const stories = async (): Promise<StoryRouter | undefined> => {
    if (!deps.normalizer) return undefined;
    const { normalizer } = deps;
    building ??= createStoryRouter({ articles: deps.articles, normalizer, now: clock }).catch(
      (err: unknown) => {
        building = undefined;
        throw err;
      },
    );
    router = await building;
    return router;
  };
  const send: SendMessage = opts.send ?? telegramSend(deps.telegram);
  const sender = new Sender({
    outbox,
    chats: deps.chats,
    render: createRowRender({ articles: deps.articles, outbox }, renderer),
    readLabel: renderer.readLabel,
    appUrl: deps.config.WEBAPP_URL,
    send,
    metrics: deps.metrics,
    log: deps.log.child({ room: 'delivery' }),
    now: clock,
    sleep: opts.sleep,
    sendRate: opts.sendRate ?? deps.config.SEND_RATE,
    chatLimits: opts.chatLimits,
    // pushes share the app's gate with command replies, unless a test or benchmark set its own limits
    gate: opts.sendRate === undefined && opts.chatLimits === undefined ? deps.sendGate : undefined,
    concurrency: opts.concurrency,
    maxAgeMs: deps.config.DELIVERY_MAX_AGE,
    backoffBaseMs: opts.backoffBaseMs,
    backoffMaxMs: opts.backoffMaxMs,
    sendTimeoutMs: opts.sendTimeoutMs,
    rollupHorizonMs: opts.rollupHorizonMs,
    idleMs: opts.idleMs,
    leaseRenewMs: opts.leaseRenewMs,
    onDelivered: (row, chatId) => onDigestDelivered(digestDeps, row, chatId),
  });

  return {
    sender,
    outbox,
    async onNewArticles(articles) {
      await watchlists?.sync();
      const router = await stories();
      await router?.catchUp(articles);
      const route = { chats: deps.chats, outbox, now: clock, watchlists, normalize, stories: router };
      const added = await fanOut(route, articles);
      if (added) sender.wake();
    },
    async runDigests(now, force) {
      await (await stories())?.catchUp([]);
      const n = await runDigests(digestDeps, now, force);
      if (n) sender.wake();
      return n;
    },
    async enqueue(items) {
      const n = await outbox.enqueue(items, clock());
      if (n) sender.wake();
      return n;
    },
    start: () => sender.start(),
    stop: () => sender.stop(),
    async drain(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until && !sender.fatal) {
        const s = await outbox.open();
        if (s.pending + s.sending + s.merged === 0 && sender.inflight === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stats: async () => outbox.stats(),
    prune: async (before) => outbox.prune(before),
  };
}
