import { Composer } from 'telegraf';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { t } from '../src/telegram/i18n.ts';
import { say } from '../src/telegram/reply.ts';

/** `/help`: what the bot does, every command, examples. Anyone, anywhere. */
export const helpCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const helpMenu: MenuEntry = {
  command: 'help',
  description: { zh: '帮助与命令', en: 'Help and commands' },
  scopes: EVERY_CHAT,
};

helpCommand.command('help', (ctx) => say(ctx, t(ctx.lang).help()));
