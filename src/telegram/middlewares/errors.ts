import type { MiddlewareFn } from 'telegraf';
import type { Deps } from '../../deps.ts';
import { t } from '../../present/strings/index.ts';
import type { BotContext } from '../context.ts';
import { answer, plain, say } from '../reply.ts';

/** Logs and counts a failed update, then tells the user politely if we still can. */
export async function reportUpdateError(err: unknown, ctx: BotContext, deps: Deps): Promise<void> {
  deps.metrics.updateErrors.inc();
  const log = ctx.log ?? deps.log;
  log.error({ err, update: ctx.update?.update_id }, 'update failed');
  const lang = ctx.lang ?? 'zh';
  try {
    if (ctx.callbackQuery) await answer(Object.assign(ctx, { log }), plain(t(lang).failed()));
    else if (ctx.message && ctx.chat && ctx.chat.type !== 'channel') await say(ctx, t(lang).failed());
  } catch (replyErr) {
    log.warn({ err: replyErr }, 'could not tell the user about the failure');
  }
}

/** First middleware: nothing a handler throws escapes to telegraf's polling loop. */
export function errorMiddleware(deps: Deps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      await reportUpdateError(err, ctx, deps);
    }
  };
}
