import { Composer } from 'telegraf';
import { parseQuiet } from '../src/delivery/quiet.ts';
import { t } from '../src/present/strings/index.ts';
import { changeSettings } from '../src/service/settings.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, chatIdOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/quiet 23:00-07:00|off`: nothing but the break-through in those hours, then one catch-up. */
export const quietCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const quietMenu: MenuEntry = {
  command: 'quiet',
  scopes: EVERY_CHAT,
};

quietCommand.command('quiet', async (ctx) => {
  const m = t(ctx.lang).smart;
  const args = argsOf(ctx);
  if (!args.length) {
    const chat = await ctx.deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id);
    return say(ctx, m.quietUsage(chat?.quiet));
  }
  const word = args.join('-').toLowerCase();
  const off = ['off', '关闭', '关'].includes(word);
  const range = off ? null : parseQuiet(word.replace(/-+/g, '-'));
  if (!off && !range) return say(ctx, m.quietBad(args.join(' ')));
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  await changeSettings(ctx.deps, chat, { quiet: range });
  await say(ctx, range ? m.quietSet(range, chat.tz) : m.quietOff());
});
