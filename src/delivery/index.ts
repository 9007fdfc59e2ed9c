import type { StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import { Html } from '../telegram/html.ts';
import { type DigestDeps, onDigestDelivered, runDigests } from './digest.ts';
import { articleKey, fanOut } from './fanout.ts';
import { formatArticle, formatRollup, labels, type OutgoingMessage } from './format.ts';
import type { ArticlePayload, DigestPayload, Outbox, OutboxRow, RollupPayload } from './outbox.ts';
import type { ChatLimits } from './rate-limiter.ts';
import { Sender, type SendMessage } from './sender.ts';
import { telegramSend } from './sender-types.ts';
import { createStoryRouter, type StoryRouter } from './stories.ts';
import { createTradingCalendar, expandDays, type TradingCalendar } from './trading.ts';
import type { Delivery } from './types.ts';

export type { Delivery } from './types.ts';

export interface DeliveryOptions {
  /** the sender's clock (rate windows, retries, max age); real time by default */
  clock?: () => number;
  /** replaces deps.telegram (benchmarks, tests) */
  send?: SendMessage;
  sleep?: (ms: number) => Promise<void>;
  chatLimits?: ChatLimits;
  concurrency?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sendTimeoutMs?: number;
  rollupHorizonMs?: number;
  idleMs?: number;
  /** overrides config.SEND_RATE */
  sendRate?: number;
  digestGraceMin?: number;
  digestMaxItems?: number;
  /** A-share trading days; by default chinese-days plus config.TRADING_CLOSED_DAYS */
  calendar?: TradingCalendar;
}

export type SqliteDelivery = Delivery & { sender: Sender; outbox: Outbox };

/** The other deps plus the durable outbox, which the composition root opens on its backend. */
export type DeliveryDeps = Omit<Deps, 'delivery'> & { outbox: Outbox };

/** The outbox delivery: fan-out, digests and one sender loop over the outbox it is given. */
export function createDelivery(deps: DeliveryDeps, opts: DeliveryOptions = {}): SqliteDelivery {
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
    storyKey: (a) => stories()?.keyOf(a) ?? articleKey(a),
    graceMin: opts.digestGraceMin,
    normalize,
    maxItems: opts.digestMaxItems,
    isTradingDay: (
      opts.calendar ?? createTradingCalendar(deps.config.TRADING_CLOSED_DAYS.flatMap(expandDays))
    ).isTradingDay,
  };
  // built at the first fan-out: it reads the last 24 h of the archive to refill its window
  let router: StoryRouter | undefined;
  const stories = () => {
    if (!router && deps.normalizer)
      router = createStoryRouter({ articles: deps.articles, normalizer: deps.normalizer, now: clock });
    return router;
  };
  // a fan-out sends one story to thousands of chats: read it once a second, not once a chat
  const storyCache = new Map<string, { at: number; twins: StoredArticle[] }>();
  const story = (p: ArticlePayload): StoredArticle[] => {
    const key = `${p.seq} ${p.story}`;
    const now = Date.now();
    const hit = storyCache.get(key);
    if (hit && now - hit.at < 1000) return hit.twins;
    if (storyCache.size > 1000) storyCache.clear();
    const twins = p.story ? deps.articles.byStory(p.story) : [];
    const first = deps.articles.getBySeq(p.seq) ?? twins[0];
    const all = first ? [first, ...twins.filter((t) => t.id !== first.id)] : [];
    storyCache.set(key, { at: now, twins: all });
    return all;
  };
  /** a later copy of a story: its first message again, with 另见 naming the other sources */
  const renderEdit = (p: ArticlePayload, chat: Chat): OutgoingMessage | null => {
    const target = outbox.editTarget(chat.id, p.edit ?? '');
    if (!target || target.rollup_id !== null || ['dropped', 'failed'].includes(target.status)) return null;
    if (target.status !== 'sent' || target.message_id === null)
      return { text: Html.trusted(''), disablePreview: true, wait: true };
    const first = JSON.parse(target.payload) as ArticlePayload;
    const twins = story(first);
    if (!twins.length) return null;
    const msg = formatArticle(twins, chat, { ...first, also: p.also ?? [] });
    return { ...msg, editMessageId: target.message_id };
  };
  const render = (row: OutboxRow, chat: Chat): OutgoingMessage | null => {
    if (row.kind === 'digest') {
      const p = JSON.parse(row.payload) as DigestPayload;
      return { text: Html.trusted(p.html), disablePreview: !chat.linkPreview };
    }
    if (row.kind === 'rollup') {
      const p = JSON.parse(row.payload) as RollupPayload;
      const stories = p.items.map(story).filter((s) => s.length);
      return stories.length ? formatRollup(stories, chat, p.catchUp) : null;
    }
    const p = JSON.parse(row.payload) as ArticlePayload;
    if (p.edit) return renderEdit(p, chat);
    const twins = story(p);
    return twins.length ? formatArticle(twins, chat, p) : null;
  };
  const send: SendMessage = opts.send ?? telegramSend(deps.telegram);
  const sender = new Sender({
    outbox,
    chats: deps.chats,
    render,
    readLabel: (chat) => labels(chat.lang).full,
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
    onDelivered: (row, chatId) => onDigestDelivered(digestDeps, row, chatId),
  });

  return {
    sender,
    outbox,
    async onNewArticles(articles) {
      const route = { chats: deps.chats, outbox, now: clock, watchlists, normalize, stories: stories() };
      const added = await fanOut(route, articles);
      if (added) sender.wake();
    },
    async runDigests(now, force) {
      const n = await runDigests(digestDeps, now, force);
      if (n) sender.wake();
      return n;
    },
    async enqueue(items) {
      const n = outbox.enqueue(items, clock());
      if (n) sender.wake();
      return n;
    },
    start: () => sender.start(),
    stop: () => sender.stop(),
    async drain(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until && !sender.fatal) {
        const s = outbox.open();
        if (s.pending + s.sending + s.merged === 0 && sender.inflight === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stats: async () => outbox.stats(),
    prune: async (before) => outbox.prune(before),
  };
}
