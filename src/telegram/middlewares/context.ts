import type { MiddlewareFn } from 'telegraf';
import type { Deps } from '../../deps.ts';
import { langFromCode } from '../../present/strings/index.ts';
import type { BotContext, BotKit } from '../context.ts';
import { chatIdOf } from '../guard.ts';

/** The chat an update is about: the message's chat, or the chat of the button's message. */
function updateChatId(ctx: BotContext): number | undefined {
  return ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
}

/** Puts deps, kit, a child logger and the answer language on every context. */
export function contextMiddleware(deps: Deps, kit: BotKit): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.kit = kit;
    const chatId = updateChatId(ctx);
    if (chatId === undefined) {
      // nothing here serves updates without a chat (inline buttons, boosts, malformed updates);
      // a tap still gets its answer so the client stops spinning
      deps.log.debug({ update: ctx.update.update_id, type: ctx.updateType }, 'update without a chat ignored');
      if (ctx.callbackQuery) await ctx.answerCbQuery().catch(() => {});
      return;
    }
    ctx.log = deps.log.child({ update: ctx.update.update_id, chat: chatId, user: ctx.from?.id });
    const stored = await deps.chats.get(chatId);
    // inside a forum topic the topic's own record words and dates its pushes: replies there
    // speak and read the same (a new topic starts with its group's language, see ensureChat)
    const ownId = await chatIdOf(ctx);
    const own = ownId !== undefined && ownId !== chatId ? await deps.chats.get(ownId) : stored;
    ctx.lang = own?.lang ?? stored?.lang ?? langFromCode(ctx.from?.language_code);
    ctx.tz = own?.tz ?? stored?.tz ?? deps.config.TZ;
    return next();
  };
}
