import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { parseMode } from '../src/service/rules.ts';
import { changeSettings } from '../src/service/settings.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, chatIdOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/mode instant|digest`: how new posts reach the chat. */
export const modeCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const modeMenu: MenuEntry = {
  command: 'mode',
  scopes: EVERY_CHAT,
};

modeCommand.command('mode', async (ctx) => {
  const m = t(ctx.lang);
  const mode = parseMode(argsOf(ctx)[0]);
  if (!mode) {
    const chat = await ctx.deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id);
    return say(ctx, m.modeUsage(m.modeName(chat?.mode ?? 'instant')));
  }
  if (!(await requireManager(ctx))) return;
  const next = await changeSettings(ctx.deps, await ensureChat(ctx), { mode });
  await say(ctx, m.modeSet(mode, next.digestTimes));
});
