import type { MiddlewareFn } from 'telegraf';
import { t } from '../present/strings/index.ts';
import type { BotContext } from './context.ts';
import { answer } from './reply.ts';

export interface ButtonContext {
  /** the chat the button's message is in: the only chat a button may act on */
  chatId: number;
  chatType: string;
  /** the verified payload without the prefix */
  payload: string;
}

/**
 * Handles the callback queries whose data starts with `prefix`, after checking the
 * signature against the chat of the button's message. Anything forged, replayed in
 * another chat or too old to verify gets a polite answer and changes nothing.
 */
export function onButton(
  prefix: string,
  handler: (ctx: BotContext, button: ButtonContext) => Promise<void>,
): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const q = ctx.callbackQuery;
    if (!q || !('data' in q) || typeof q.data !== 'string' || !q.data.startsWith(prefix)) return next();
    const chat = q.message?.chat;
    const payload = chat ? ctx.kit.verify(chat.id, q.data) : null;
    if (!chat || payload === null || !payload.startsWith(prefix)) {
      ctx.log.info({ data: q.data.slice(0, 64) }, 'refused callback data');
      return answer(ctx, t(ctx.lang).stale);
    }
    await handler(ctx, { chatId: chat.id, chatType: chat.type, payload: payload.slice(prefix.length) });
  };
}
