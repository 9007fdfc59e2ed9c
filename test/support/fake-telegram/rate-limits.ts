import type { ChatType } from './chats.ts';
import { tooManyRequests } from './errors.ts';

export interface RateLimitOptions {
  /** sustained messages per second to one private chat */
  privatePerSecond: number;
  /** messages a private chat may take at once before the per-second rate applies */
  privateBurst: number;
  /** groups, supergroups and channels */
  groupPerMinute: number;
  groupBurst: number;
  /** all chats together */
  globalPerSecond: number;
  globalBurst: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  privatePerSecond: 1,
  privateBurst: 3,
  groupPerMinute: 20,
  groupBurst: 20,
  globalPerSecond: 30,
  globalBurst: 30,
};

/** A send that arrived while a retry_after the fake had announced for that chat (or globally) was running. */
export interface Violation {
  callSeq: number;
  method: string;
  chatId: number;
  scope: 'chat' | 'global';
  at: number;
  windowUntil: number;
  /** how long after the 429 was sent; requests already in flight arrive within a few ms */
  msIntoWindow: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Window {
  announcedAt: number;
  until: number;
}

export class RateLimiter {
  private readonly buckets = new Map<number, Bucket>();
  private global: Bucket | undefined;
  private readonly windows = new Map<number, Window>();
  private globalWindow: Window | undefined;
  readonly violations: Violation[] = [];
  /** every 429 this limiter sent, with the chat and scope */
  readonly announced: { chatId: number; scope: 'chat' | 'global'; retryAfter: number; at: number }[] = [];

  constructor(readonly limits: RateLimitOptions | false) {}

  /** Refuses (and records) a send inside an announced retry_after window. */
  checkWindows(callSeq: number, method: string, chatId: number, now: number): void {
    const hit = (scope: 'chat' | 'global', w: Window | undefined) => {
      if (!w || now >= w.until) return;
      this.violations.push({
        callSeq,
        method,
        chatId,
        scope,
        at: now,
        windowUntil: w.until,
        msIntoWindow: now - w.announcedAt,
      });
      throw tooManyRequests(Math.max(1, Math.ceil((w.until - now) / 1000)));
    };
    hit('global', this.globalWindow);
    hit('chat', this.windows.get(chatId));
  }

  /** Takes one message from the chat's and the global budget, or answers 429 and opens a window. */
  take(chatId: number, type: ChatType, now: number): void {
    if (!this.limits) return;
    const l = this.limits;
    const chatRate = type === 'private' ? l.privatePerSecond : l.groupPerMinute / 60;
    const chatBurst = type === 'private' ? l.privateBurst : l.groupBurst;
    const bucket = this.buckets.get(chatId) ?? { tokens: chatBurst, at: now };
    this.global ??= { tokens: l.globalBurst, at: now };
    refill(bucket, chatRate, chatBurst, now);
    refill(this.global, l.globalPerSecond, l.globalBurst, now);
    this.buckets.set(chatId, bucket);
    if (this.global.tokens < 1) {
      this.announce('global', chatId, waitSeconds(this.global, l.globalPerSecond), now);
    }
    if (bucket.tokens < 1) this.announce('chat', chatId, waitSeconds(bucket, chatRate), now);
    bucket.tokens -= 1;
    this.global.tokens -= 1;
  }

  /** Opens a retry_after window and throws the 429 that announces it. */
  announce(
    scope: 'chat' | 'global',
    chatId: number,
    retryAfter: number,
    now: number,
    injected = false,
  ): never {
    const w = { announcedAt: now, until: now + retryAfter * 1000 };
    if (scope === 'global') this.globalWindow = w;
    else this.windows.set(chatId, w);
    this.announced.push({ chatId, scope, retryAfter, at: now });
    throw tooManyRequests(retryAfter, injected ? 'fault' : 'rate-limit');
  }

  reset(): void {
    this.buckets.clear();
    this.global = undefined;
    this.windows.clear();
    this.globalWindow = undefined;
    this.violations.length = 0;
    this.announced.length = 0;
  }
}

function refill(b: Bucket, perSecond: number, burst: number, now: number): void {
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  b.at = now;
}

function waitSeconds(b: Bucket, perSecond: number): number {
  return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
}
