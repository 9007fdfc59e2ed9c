import { Composer } from 'telegraf';
import { parseLang, t } from '../src/present/strings/index.ts';
import { changeSettings } from '../src/service/settings.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/lang zh|en`: the chat's language for replies, pushes and digests. */
export const langCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const langMenu: MenuEntry = {
  command: 'lang',
  scopes: EVERY_CHAT,
};

langCommand.command('lang', async (ctx) => {
  const lang = parseLang(argsOf(ctx)[0]);
  if (!lang) return say(ctx, t(ctx.lang).langUsage());
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  await changeSettings(ctx.deps, chat, { lang });
  ctx.lang = lang;
  await say(ctx, t(lang).langSet());
});
