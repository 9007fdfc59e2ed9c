import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { say } from '../src/telegram/reply.ts';

/** `/help`: what the bot does, every command, examples. Anyone, anywhere. */
export const helpCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const helpMenu: MenuEntry = {
  command: 'help',
  scopes: EVERY_CHAT,
};

helpCommand.command('help', (ctx) => say(ctx, t(ctx.lang).help()));
