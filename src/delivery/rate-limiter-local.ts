import { ChatLimiter, type ChatLimits, TELEGRAM_CHAT_LIMITS, TokenBucket } from './rate-limiter.ts';
import { type Take, TurnQueue } from './rate-limiter-queue.ts';
import {
  type AcquireOptions,
  isGroupId,
  type SendGate,
  type SendPriority,
  SendTurnAborted,
} from './rate-limiter-types.ts';

const NO_CHAT_LIMITS: ChatLimits = {
  private: { max: Number.MAX_SAFE_INTEGER, windowMs: 1 },
  group: { max: Number.MAX_SAFE_INTEGER, windowMs: 1 },
};

export interface LocalGateOptions {
  /** messages/s across all chats; Infinity = unlimited */
  rate: number;
  /** Telegram's per-chat windows by default; null = none (tests whose fake has no flood limits) */
  chatLimits?: ChatLimits | null | undefined;
  now?: (() => number) | undefined;
  onError?: ((err: unknown) => void) | undefined;
}

/** The single-instance gate: a token bucket for SEND_RATE and per-chat sliding windows, in memory. */
export class LocalSendGate implements SendGate {
  private readonly bucket: TokenBucket;
  private readonly chats: ChatLimiter;
  private readonly queue: TurnQueue;
  private readonly now: () => number;
  private allPausedUntil = 0;
  private pushPausedUntil = 0;
  private lastSweep = 0;

  constructor(o: LocalGateOptions) {
    this.now = o.now ?? Date.now;
    this.bucket = new TokenBucket(o.rate, this.now());
    // without windows the limiter still keeps the per-chat pauses a 429 announces
    this.chats = new ChatLimiter(
      o.chatLimits === null ? NO_CHAT_LIMITS : (o.chatLimits ?? TELEGRAM_CHAT_LIMITS),
    );
    this.queue = new TurnQueue((chatId, priority) => this.take(chatId, priority), o.onError ?? (() => {}));
  }

  /** waiters not yet granted (tests, metrics) */
  get waiting(): number {
    return this.queue.size;
  }

  acquire(chatId: number, priority: SendPriority, opts?: AcquireOptions): Promise<number> {
    return this.queue.enqueue(chatId, priority, opts);
  }

  onRetryAfter(seconds: number, chatId?: number): void {
    const until = this.now() + seconds * 1000;
    if (chatId === undefined) this.allPausedUntil = Math.max(this.allPausedUntil, until);
    else {
      this.chats.pause(chatId, until);
      this.pushPausedUntil = Math.max(this.pushPausedUntil, until);
    }
    this.queue.kick();
  }

  async close(): Promise<void> {
    this.queue.clear(new SendTurnAborted(0));
  }

  private take(chatId: number, priority: SendPriority): Take {
    const now = this.now();
    if (now - this.lastSweep > 10_000) {
      this.lastSweep = now;
      this.chats.sweep(now);
    }
    const paused = Math.max(this.allPausedUntil, priority === 'push' ? this.pushPausedUntil : 0);
    if (paused > now) return { ok: false, waitMs: paused - now, scope: 'all' };
    const kind = isGroupId(chatId) ? 'supergroup' : 'private';
    const readyAt = this.chats.readyAt(chatId, kind, now);
    if (readyAt > now) return { ok: false, waitMs: readyAt - now, scope: 'chat' };
    const wait = this.bucket.waitMs(now);
    if (wait > 0) return { ok: false, waitMs: wait, scope: 'all' };
    this.bucket.take(now);
    this.chats.record(chatId, now);
    return { ok: true, at: now };
  }
}
