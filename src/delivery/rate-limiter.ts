import type { ChatKind } from '../chats/types.ts';

/** N messages per window, per chat kind (Telegram: 1/s in private chats, 20/min in groups). */
export interface ChatLimits {
  private: { max: number; windowMs: number };
  group: { max: number; windowMs: number };
}

export const TELEGRAM_CHAT_LIMITS: ChatLimits = {
  private: { max: 1, windowMs: 1_000 },
  group: { max: 20, windowMs: 60_000 },
};

/**
 * Global send rate as a token bucket with a small burst, so any one-second window holds at most
 * rate + burst sends (burst ≈ 10% of the rate keeps 25/s well under Telegram's 30/s).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly burst: number;
  constructor(
    readonly rate: number,
    now: number,
    burst?: number,
  ) {
    this.burst = burst ?? Math.max(1, Math.floor(rate / 10));
    this.tokens = Number.isFinite(rate) ? 1 : Number.POSITIVE_INFINITY;
    this.last = now;
  }
  /** ms until a token is available (0 = take it now) */
  waitMs(now: number): number {
    if (!Number.isFinite(this.rate)) return 0;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }
  take(now: number): void {
    if (!Number.isFinite(this.rate)) return;
    this.refill(now);
    this.tokens -= 1;
  }
  private refill(now: number): void {
    const dt = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (dt * this.rate) / 1000);
  }
}

const isGroupKind = (kind: ChatKind) => kind !== 'private';

/**
 * Per-chat sliding windows plus pauses announced by 429s. Send times are recorded when the
 * answer arrives: Telegram saw the message before that, so a window measured from our
 * record is never shorter than Telegram's.
 */
export class ChatLimiter {
  private readonly sent = new Map<number, number[]>();
  private readonly pausedUntil = new Map<number, number>();
  constructor(private readonly limits: ChatLimits = TELEGRAM_CHAT_LIMITS) {}

  limitFor(kind: ChatKind) {
    return isGroupKind(kind) ? this.limits.group : this.limits.private;
  }

  /** earliest time the chat may receive its next message */
  readyAt(chatId: number, kind: ChatKind, now: number): number {
    const { max, windowMs } = this.limitFor(kind);
    let at = this.pausedUntil.get(chatId) ?? 0;
    if (at <= now) {
      this.pausedUntil.delete(chatId);
      at = 0;
    }
    const times = this.prune(chatId, windowMs, now);
    if (times.length >= max) at = Math.max(at, times[times.length - max]! + windowMs + 1);
    return at;
  }

  /** how many more messages the chat can take within its current window */
  remaining(chatId: number, kind: ChatKind, now: number): number {
    const { max, windowMs } = this.limitFor(kind);
    return Math.max(0, max - this.prune(chatId, windowMs, now).length);
  }

  record(chatId: number, at: number): void {
    const times = this.sent.get(chatId) ?? [];
    times.push(at);
    this.sent.set(chatId, times);
  }

  pause(chatId: number, until: number): void {
    this.pausedUntil.set(chatId, Math.max(until, this.pausedUntil.get(chatId) ?? 0));
  }

  forget(chatId: number): void {
    this.sent.delete(chatId);
    this.pausedUntil.delete(chatId);
  }

  /** drops state of chats that have been quiet for a whole window */
  sweep(now: number): void {
    const longest = Math.max(this.limits.private.windowMs, this.limits.group.windowMs);
    for (const [id, times] of this.sent) if ((times.at(-1) ?? 0) <= now - longest) this.sent.delete(id);
    for (const [id, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(id);
  }

  private prune(chatId: number, windowMs: number, now: number): number[] {
    const times = this.sent.get(chatId);
    if (!times) return [];
    while (times.length && times[0]! <= now - windowMs) times.shift();
    if (!times.length) this.sent.delete(chatId);
    return times;
  }
}
