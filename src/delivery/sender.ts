import { setMaxListeners } from 'node:events';
import type { Chat } from '../chats/types.ts';
import { checkRow, payloadFor } from './check-row.ts';
import type { OutboxRow } from './outbox.ts';
import { ChatLimiter, TELEGRAM_CHAT_LIMITS } from './rate-limiter.ts';
import { LocalSendGate } from './rate-limiter-local.ts';
import { type SendGate, SendTurnAborted } from './rate-limiter-types.ts';
import { type AckBatch, createAckBatch } from './sender-acks.ts';
import { handleFailure } from './sender-failures.ts';
import { renewClaims } from './sender-lease.ts';
import type { SenderPort } from './sender-port.ts';
import type { Ready, SenderOptions, SendMessagePayload } from './sender-types.ts';

export type { SenderOptions, SendMessage, SendMessagePayload } from './sender-types.ts';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The one sender loop over the outbox. At most one message per chat is in flight (keeps the
 * per-chat order and limits simple) and at most `concurrency` overall; it runs on its own
 * async loop and never blocks update handling.
 */
export class Sender {
  readonly #o: SenderOptions;
  readonly #limiter: ChatLimiter;
  /** the global turnstile shared with command replies (SEND_RATE, per-chat limits, 429s) */
  readonly #gate: SendGate;
  readonly #concurrency: number;
  readonly #inflight = new Map<number, Promise<void>>();
  /** the outbox rows of the sends in flight, whose claims are renewed */
  readonly #claimed = new Set<number>();
  #stopRenewing: () => void = () => {};
  /** until when every send waits (a 429 we can't attribute to one chat) */
  #pausedUntil = 0;
  #fatal = false;
  #running = false;
  #loopDone: Promise<void> = Promise.resolve();
  #wakeUp: () => void = () => {};
  #lastGauge = 0;
  readonly #acks: AckBatch;
  /** aborted by stop(): sends still waiting for a turn give it back */
  #stopTurns = new AbortController();
  readonly #sleep: (ms: number) => Promise<void>;
  /** all that failure handling may change here (sender-failures.ts) */
  readonly #port: SenderPort = {
    pauseAll: async (until, retryAfterMs, chatId) => {
      this.#pausedUntil = Math.max(this.#pausedUntil, until);
      await this.#gate.onRetryAfter(retryAfterMs / 1000, chatId);
    },
    holdChat: (chatId, until) => this.#limiter.pause(chatId, until),
    stopChat: (chatId) => this.#limiter.forget(chatId),
    retryPlain: (row, chat, payload) => this.#attempt(row, chat, payload, true),
    halt: () => {
      this.#fatal = true;
      this.#running = false;
      this.wake();
    },
  };

  constructor(o: SenderOptions) {
    this.#o = o;
    this.#limiter = new ChatLimiter(o.chatLimits ?? TELEGRAM_CHAT_LIMITS);
    this.#gate = o.gate ?? new LocalSendGate({ rate: o.sendRate, chatLimits: o.chatLimits, now: o.now });
    this.#concurrency = o.concurrency ?? 16;
    this.#acks = createAckBatch(o);
    this.#sleep = o.sleep ?? realSleep;
  }

  /** Telegram refused the token: the loop stopped and won't start again */
  get fatal(): boolean {
    return this.#fatal;
  }

  /** sends on the wire or waiting for their turn */
  get inflight(): number {
    return this.#inflight.size;
  }

  start(): void {
    if (this.#running || this.#fatal) return;
    this.#running = true;
    this.#stopRenewing = renewClaims(
      { outbox: this.#o.outbox, log: this.#o.log, everyMs: this.#o.leaseRenewMs ?? 5_000 },
      () => [...this.#claimed],
    );
    this.#stopTurns = new AbortController();
    // one listener per send waiting for its turn
    setMaxListeners(this.#concurrency * 2 + 8, this.#stopTurns.signal);
    this.#loopDone = this.#loop();
  }

  /** new rows were queued: look now instead of at the next idle tick */
  wake(): void {
    this.#wakeUp();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    this.#stopTurns.abort();
    await this.#loopDone;
    await Promise.allSettled([...this.#inflight.values()]);
    await this.#acks
      .flush()
      .catch((err: unknown) => this.#o.log.error({ err }, 'sender: last answers not written'));
    this.#stopRenewing();
  }

  #nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wakeUp = resolve;
      void this.#sleep(Math.max(1, ms)).then(resolve);
    });
  }

  async #loop(): Promise<void> {
    try {
      const recovered = await this.#o.outbox.recover();
      if (recovered)
        this.#o.log.warn({ recovered }, 'outbox: rows left in flight by the last run are queued again');
    } catch (err) {
      // the store is down at start: its rows are recovered by their lease or the next start
      this.#o.log.error({ err }, 'outbox: could not recover rows left in flight');
    }
    while (this.#running && !this.fatal) {
      try {
        await this.#tick();
      } catch (err) {
        this.#o.log.error({ err }, 'sender: loop error');
        await this.#nap(1000);
      }
    }
  }

  async #tick(): Promise<void> {
    const { outbox } = this.#o;
    const now = this.#o.now();
    if (now - this.#lastGauge >= 1000) {
      this.#lastGauge = now;
      this.#o.metrics.queueDepth.set(await outbox.depth());
      this.#limiter.sweep(now);
    }
    if (this.#pausedUntil > now) return this.#nap(this.#pausedUntil - now);
    const free = this.#concurrency - this.#inflight.size;
    // refill in batches (one claim transaction, one ack flush for many sends), not per send
    if (free <= 0 || (this.#inflight.size > 0 && free < this.#concurrency / 2)) {
      await Promise.race(this.#inflight.values());
      return;
    }
    // answers are written before anything new is claimed: the rows marked 'sending' in the
    // database never exceed `concurrency`, which bounds the duplicates after a kill -9
    await this.#acks.flush();
    const rows = await outbox.due(now, free * 2 + 4);
    if (!rows.length) {
      const next = await outbox.nextDue();
      const idle = this.#o.idleMs ?? 1000;
      return this.#nap(next === null ? idle : Math.min(idle, next - now));
    }
    const ready: Ready[] = [];
    for (const row of rows) {
      if (ready.length >= free) break;
      if (this.#inflight.has(row.chat_id) || ready.some((r) => r.row.chat_id === row.chat_id)) continue;
      const r = await checkRow(this.#o, this.#limiter, row);
      if (r) ready.push(r);
    }
    const launched = await this.#launch(ready);
    if (launched) return;
    // everything due belonged to busy chats: wait for one of them instead of spinning
    if (this.#inflight.size) await Promise.race(this.#inflight.values());
  }

  /**
   * Claims the ready rows in one transaction and starts them; each then waits for its turn at
   * the gate, so the rows marked 'sending' still never exceed `concurrency`.
   */
  async #launch(go: Ready[]): Promise<number> {
    const now = this.#o.now();
    // a 429 may have landed while we awaited the chats
    if (!this.#running || this.#pausedUntil > now) return 0;
    const claimed = new Set(
      await this.#o.outbox.claimMany(
        go.map((r) => ({ id: r.row.id, chatId: r.row.chat_id, holdUntil: now + r.holdMs })),
      ),
    );
    for (const { row, chat } of go) {
      if (!claimed.has(row.id)) continue;
      this.#claimed.add(row.id);
      const p = this.#deliver(row, chat).finally(() => {
        this.#inflight.delete(row.chat_id);
        this.#claimed.delete(row.id);
        this.#acks.schedule();
      });
      this.#inflight.set(row.chat_id, p);
    }
    return claimed.size;
  }

  async #deliver(row: OutboxRow, chat: Chat): Promise<void> {
    const payload = await payloadFor(this.#o, row, chat);
    if (payload) await this.#attempt(row, chat, payload, false);
  }

  /**
   * false when the sender stopped before the turn came: the row goes back to the queue.
   * `to` is the chat Telegram sees (payload.chat_id): a forum topic's record posts into its
   * group, so every topic of a group and the replies there share the group's one window.
   */
  async #turn(row: OutboxRow, to: number): Promise<boolean> {
    try {
      await this.#gate.acquire(to, 'push', { signal: this.#stopTurns.signal });
      return true;
    } catch (err) {
      if (!(err instanceof SendTurnAborted)) throw err;
      await this.#o.outbox.retryAt(row.id, this.#o.now(), 'sender stopped before its turn');
      return false;
    }
  }

  /** one sendMessage; failures are sorted out in sender-failures.ts */
  async #attempt(row: OutboxRow, chat: Chat, payload: SendMessagePayload, plain: boolean): Promise<void> {
    try {
      if (!(await this.#turn(row, payload.chat_id))) return;
      const res = await this.#o.send(payload, AbortSignal.timeout(this.#o.sendTimeoutMs ?? 30_000));
      this.#delivered(row, res.message_id);
    } catch (err) {
      await handleFailure(this.#o, this.#port, row, chat, payload, err, plain).catch(async (e: unknown) => {
        this.#o.log.error({ err: e, rowId: row.id }, 'sender: handling a failed send failed; retrying later');
        // if the store is what failed, the claim's lease brings the row back instead
        await this.#o.outbox.retryAt(row.id, this.#o.now() + 60_000, String(e)).catch(() => {});
      });
    }
  }

  #delivered(row: OutboxRow, messageId: number): void {
    const at = this.#o.now();
    this.#limiter.record(row.chat_id, at);
    this.#acks.add(row, at, messageId);
    this.#o.metrics.messagesSent.inc({ kind: row.kind });
    if (row.published_at) this.#o.metrics.deliveryLag.observe(Math.max(0, at - row.published_at) / 1000);
  }
}
