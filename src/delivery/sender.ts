import type { Chat, ChatKind, ChatStore } from '../chats/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { OutgoingMessage } from './format.ts';
import type { Outbox, OutboxRow } from './outbox.ts';
import { ChatLimiter, type ChatLimits, TELEGRAM_CHAT_LIMITS, TokenBucket } from './rate-limiter.ts';
import { handleFailure } from './sender-failures.ts';

export interface SendMessagePayload {
  chat_id: number;
  text: string;
  parse_mode?: 'HTML';
  link_preview_options?: { is_disabled: boolean };
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}
/** sendMessage through the Bot API; rejects with telegraf's TelegramError or a network error */
export type SendMessage = (
  payload: SendMessagePayload,
  signal: AbortSignal,
) => Promise<{ message_id: number }>;

export interface SenderOptions {
  outbox: Outbox;
  chats: ChatStore;
  /** builds the message for a row, or null when its content is gone (pruned article) */
  render: (row: OutboxRow, chat: Chat) => OutgoingMessage | null;
  /** the 全文 button label for the chat */
  readLabel: (chat: Chat) => string;
  send: SendMessage;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** global messages/s; Infinity = unlimited */
  sendRate: number;
  chatLimits?: ChatLimits;
  /** sends in flight at once (also the crash duplicate bound) */
  concurrency?: number;
  /** give up on a row this long after it was queued */
  maxAgeMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sendTimeoutMs?: number;
  /** a chat whose backlog won't fit in this horizon gets a rollup */
  rollupHorizonMs?: number;
  idleMs?: number;
  onDelivered?: (row: OutboxRow, chatId: number) => Promise<void> | void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const kindOf = (chat: Chat | undefined, id: number): ChatKind =>
  chat?.kind ?? (id < 0 ? 'supergroup' : 'private');

/**
 * The one sender loop over the outbox. At most one message per chat is in flight (keeps the
 * per-chat order and limits simple) and at most `concurrency` overall; it runs on its own
 * async loop and never blocks update handling.
 */
export class Sender {
  readonly limiter: ChatLimiter;
  readonly bucket: TokenBucket;
  readonly concurrency: number;
  readonly inflight = new Map<number, Promise<void>>();
  /** until when every send waits (a 429 we can't attribute to one chat) */
  pausedUntil = 0;
  fatal = false;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: () => void = () => {};
  private lastGauge = 0;
  readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly o: SenderOptions) {
    this.limiter = new ChatLimiter(o.chatLimits ?? TELEGRAM_CHAT_LIMITS);
    this.bucket = new TokenBucket(o.sendRate, o.now());
    this.concurrency = o.concurrency ?? 12;
    this.sleep = o.sleep ?? realSleep;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running || this.fatal) return;
    const recovered = this.o.outbox.recover();
    if (recovered)
      this.o.log.warn({ recovered }, 'outbox: rows left in flight by the last run are queued again');
    this.running = true;
    this.loopDone = this.loop();
  }

  /** new rows were queued: look now instead of at the next idle tick */
  wake(): void {
    this.wakeUp();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.inflight.values()]);
  }

  private nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      void this.sleep(Math.max(1, ms)).then(resolve);
    });
  }

  private async loop(): Promise<void> {
    while (this.running && !this.fatal) {
      try {
        await this.tick();
      } catch (err) {
        this.o.log.error({ err }, 'sender: loop error');
        await this.nap(1000);
      }
    }
  }

  private async tick(): Promise<void> {
    const { outbox } = this.o;
    const now = this.o.now();
    if (now - this.lastGauge >= 1000) {
      this.lastGauge = now;
      this.o.metrics.queueDepth.set(outbox.depth());
      this.limiter.sweep(now);
    }
    if (this.pausedUntil > now) return this.nap(this.pausedUntil - now);
    if (this.inflight.size >= this.concurrency) {
      await Promise.race(this.inflight.values());
      return;
    }
    const rows = outbox.due(now, this.concurrency * 4);
    if (!rows.length) {
      const next = outbox.nextDue();
      const idle = this.o.idleMs ?? 1000;
      return this.nap(next === null ? idle : Math.min(idle, next - now));
    }
    let launched = 0;
    for (const row of rows) {
      if (!this.running || this.inflight.size >= this.concurrency || this.pausedUntil > this.o.now()) break;
      if (this.inflight.has(row.chat_id)) continue;
      if (await this.launch(row)) launched++;
    }
    // everything due belonged to busy chats: wait for one of them instead of spinning
    if (!launched && this.inflight.size) await Promise.race(this.inflight.values());
  }

  /** Checks the limits for one due row and starts its send; false when it must wait. */
  private async launch(row: OutboxRow): Promise<boolean> {
    const { outbox, metrics, log } = this.o;
    const chat = await this.o.chats.get(row.chat_id);
    if (this.inflight.has(row.chat_id)) return false;
    if (!chat?.active) {
      outbox.finish(row, 'dropped', 'chat inactive');
      metrics.deliveriesDropped.inc({ reason: 'inactive' });
      return false;
    }
    let now = this.o.now();
    if (now - row.created_at > this.o.maxAgeMs) {
      outbox.finish(row, 'dropped', 'expired');
      metrics.deliveriesDropped.inc({ reason: 'expired' });
      log.warn({ chatId: row.chat_id, key: row.item_key }, 'delivery expired before it could be sent');
      return false;
    }
    const kind = kindOf(chat, row.chat_id);
    const readyAt = this.limiter.readyAt(row.chat_id, kind, now);
    if (readyAt > now) {
      outbox.holdChat(row.chat_id, readyAt);
      return false;
    }
    const target = row.kind === 'article' ? (this.maybeRollup(row, kind, now) ?? row) : row;
    const wait = this.bucket.waitMs(now);
    if (wait > 0) {
      await this.sleep(wait);
      now = this.o.now();
    }
    // a 429 may have landed while we awaited the chat or a token
    if (!this.running || this.pausedUntil > now || this.inflight.has(row.chat_id)) return false;
    if (!outbox.claim(target.id)) return false;
    this.bucket.take(now);
    const { windowMs, max } = this.limiter.limitFor(kind);
    outbox.holdChat(row.chat_id, now + Math.ceil(windowMs / max));
    const p = this.deliver(target, chat).finally(() => this.inflight.delete(row.chat_id));
    this.inflight.set(row.chat_id, p);
    return true;
  }

  /**
   * A backlog the chat can't take within the horizon is folded: the rows that fit stay, the
   * rest become one "N 条新消息" message. Returns the rollup when it is what goes out now.
   */
  private maybeRollup(row: OutboxRow, kind: ChatKind, now: number): OutboxRow | undefined {
    const { outbox } = this.o;
    const { max, windowMs } = this.limiter.limitFor(kind);
    const horizon = this.o.rollupHorizonMs ?? 60_000;
    const used = max - this.limiter.remaining(row.chat_id, kind, now);
    const budget = Math.max(1, Math.floor((max * horizon) / windowMs) - used);
    if (outbox.countPendingArticles(row.chat_id) <= budget) return undefined;
    const pending = outbox.pendingArticles(row.chat_id);
    const keep = budget - 1;
    const rest = pending.slice(keep);
    if (rest.length < 2) return undefined;
    const rollup = outbox.rollup(row.chat_id, rest, now);
    if (rollup) this.o.log.info({ chatId: row.chat_id, merged: rest.length }, 'sender: backlog rolled up');
    return keep === 0 ? rollup : undefined;
  }

  private async deliver(row: OutboxRow, chat: Chat): Promise<void> {
    const msg = this.o.render(row, chat);
    if (!msg) {
      this.o.outbox.finish(row, 'dropped', 'content gone');
      this.o.metrics.deliveriesDropped.inc({ reason: 'gone' });
      return;
    }
    const payload: SendMessagePayload = {
      chat_id: row.chat_id,
      text: msg.text.value,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: msg.disablePreview },
    };
    if (msg.readSeq !== undefined) {
      payload.reply_markup = {
        inline_keyboard: [[{ text: this.o.readLabel(chat), callback_data: `read:${msg.readSeq}` }]],
      };
    }
    await this.attempt(row, chat, payload, false);
  }

  /** one sendMessage; failures are sorted out in sender-failures.ts */
  async attempt(row: OutboxRow, chat: Chat, payload: SendMessagePayload, plain: boolean): Promise<void> {
    try {
      const res = await this.o.send(payload, AbortSignal.timeout(this.o.sendTimeoutMs ?? 30_000));
      this.delivered(row, res.message_id);
    } catch (err) {
      await handleFailure(this, row, chat, payload, err, plain);
    }
  }

  private delivered(row: OutboxRow, messageId: number): void {
    const at = this.o.now();
    this.limiter.record(row.chat_id, at);
    this.o.outbox.markSent(row, at, messageId);
    this.o.metrics.messagesSent.inc({ kind: row.kind });
    if (row.published_at) this.o.metrics.deliveryLag.observe(Math.max(0, at - row.published_at) / 1000);
    if (row.kind === 'digest' && this.o.onDelivered) {
      Promise.resolve(this.o.onDelivered(row, row.chat_id)).catch((err) =>
        this.o.log.error({ err, chatId: row.chat_id }, 'sender: after-delivery hook failed'),
      );
    }
  }

  stopFatal(): void {
    this.fatal = true;
    this.running = false;
    this.wake();
  }
}
