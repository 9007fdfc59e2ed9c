import type { MiddlewareFn } from 'telegraf';
import { t } from '../../present/strings/index.ts';
import { createUserRateLimit } from '../../service/rate-limit.ts';
import type { BotContext } from '../context.ts';
import { answer, plain, say } from '../reply.ts';

/**
 * Per-user token bucket: `perMinute` commands a minute, refilled continuously. The first
 * update over the limit gets one polite "slow down"; the rest are dropped silently (callback
 * queries are still answered, as Telegram expects) until the bucket refills.
 */
export function rateLimit(perMinute: number, now: () => number): MiddlewareFn<BotContext> {
  const limit = createUserRateLimit(perMinute, now);

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
    const verdict = limit.take(userId);
    if (verdict === 'ok') return next();
    ctx.log.info({ userId }, 'rate limited');
    const first = verdict === 'first-over';
    if (ctx.callbackQuery) return answer(ctx, first ? plain(t(ctx.lang).slowDown()) : undefined);
    if (first) await say(ctx, t(ctx.lang).slowDown());
  };
}
