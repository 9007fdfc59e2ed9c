import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../context.ts';
import { t } from '../i18n.ts';
import { answer, plain, say } from '../reply.ts';

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/**
 * Per-user token bucket: `perMinute` commands a minute, refilled continuously. The first
 * update over the limit gets one polite "slow down"; the rest are dropped silently (callback
 * queries are still answered, as Telegram expects) until the bucket refills.
 */
export function rateLimit(perMinute: number, now: () => number): MiddlewareFn<BotContext> {
  const buckets = new Map<number, Bucket>();
  const perMs = perMinute / 60_000;

  const counts = (ctx: BotContext): boolean => {
    if (ctx.callbackQuery) return true;
    const msg = ctx.message;
    if (!msg) return false;
    if (ctx.chat?.type === 'private') return true;
    return 'text' in msg && msg.text.startsWith('/');
  };

  return async (ctx, next) => {
    // anonymous admins (and people posting as a channel) all write as one bot account: the
    // chat they speak for is the sender, or one busy group would throttle every other one
    const msg = ctx.message;
    const userId = (msg && 'sender_chat' in msg ? msg.sender_chat?.id : undefined) ?? ctx.from?.id;
    if (userId === undefined || !counts(ctx)) return next();
    const t0 = now();
    let b = buckets.get(userId);
    if (!b) {
      if (buckets.size > 50_000) buckets.clear();
      b = { tokens: perMinute, at: t0, warned: false };
      buckets.set(userId, b);
    }
    b.tokens = Math.min(perMinute, b.tokens + (t0 - b.at) * perMs);
    b.at = t0;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      if (b.tokens >= 1) b.warned = false;
      return next();
    }
    ctx.log.info({ userId }, 'rate limited');
    const first = !b.warned;
    b.warned = true;
    if (ctx.callbackQuery) return answer(ctx, first ? plain(t(ctx.lang).slowDown()) : undefined);
    if (first) await say(ctx, t(ctx.lang).slowDown());
  };
}
