import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type ChatLimits, TELEGRAM_CHAT_LIMITS } from '../../delivery/rate-limiter.ts';
import { type Take, TurnQueue } from '../../delivery/rate-limiter-queue.ts';
import {
  type AcquireOptions,
  isGroupId,
  type SendGate,
  type SendPriority,
  SendTurnAborted,
} from '../../delivery/rate-limiter-types.ts';
import { type RedisKeys, redisKeys } from './keys.ts';
import { PAUSE, TAKE_TURN } from './rate-limiter-lua.ts';

export interface RedisGateOptions {
  redis: Redis;
  /** shared by every instance of one bot */
  prefix: string;
  /** messages/s across all instances; Infinity = unlimited */
  rate: number;
  chatLimits?: ChatLimits;
  onError?: (err: unknown) => void;
}

type Scripted = Redis & {
  kxTakeTurn(...args: Array<string | number>): Promise<[number, number, number]>;
  kxPause(...args: Array<string | number>): Promise<number>;
};

/**
 * The gate shared by several instances: sliding windows (global and per chat) and the pauses
 * a 429 announces live in Redis, so every instance sees every other's sends. Each instance
 * still queues its own waiters replies-first; across instances a reply that waits for the
 * global rate sets a short marker that makes pushes everywhere yield.
 */
export class RedisSendGate implements SendGate {
  private readonly redis: Scripted;
  private readonly keys: RedisKeys;
  private readonly queue: TurnQueue;
  private readonly limits: ChatLimits;
  private readonly id = randomBytes(4).toString('hex');
  private seq = 0;

  constructor(private readonly o: RedisGateOptions) {
    this.keys = redisKeys(o.prefix);
    this.limits = o.chatLimits ?? TELEGRAM_CHAT_LIMITS;
    o.redis.defineCommand('kxTakeTurn', { numberOfKeys: 6, lua: TAKE_TURN });
    o.redis.defineCommand('kxPause', { lua: PAUSE });
    this.redis = o.redis as Scripted;
    this.queue = new TurnQueue((chatId, priority) => this.take(chatId, priority), o.onError ?? (() => {}));
  }

  acquire(chatId: number, priority: SendPriority, opts?: AcquireOptions): Promise<number> {
    return this.queue.enqueue(chatId, priority, opts);
  }

  async onRetryAfter(seconds: number, chatId?: number): Promise<void> {
    const k = this.keys;
    const keys = chatId === undefined ? [k.pauseAll] : [k.pauseChat(chatId), k.pausePush];
    await this.redis.kxPause(keys.length, ...keys, Math.ceil(seconds * 1000));
    this.queue.kick();
  }

  async close(): Promise<void> {
    this.queue.clear(new SendTurnAborted(0));
  }

  private async take(chatId: number, priority: SendPriority): Promise<Take> {
    const k = this.keys;
    const { max, windowMs } = isGroupId(chatId) ? this.limits.group : this.limits.private;
    const rate = Number.isFinite(this.o.rate) ? this.o.rate : 0;
    const [ok, value, scope] = await this.redis.kxTakeTurn(
      k.sendGlobal,
      k.sendChat(chatId),
      k.pauseAll,
      k.pausePush,
      k.pauseChat(chatId),
      k.replyWaiting,
      rate,
      max,
      windowMs,
      priority,
      `${this.id}:${++this.seq}`,
    );
    return ok === 1
      ? { ok: true, at: value }
      : { ok: false, waitMs: value, scope: scope === 1 ? 'all' : 'chat' };
  }
}
