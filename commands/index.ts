import type { Composer, Telegraf } from 'telegraf';
import type { MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { categoriesCommand, categoriesMenu } from './categories.ts';
import { digestCommand, digestMenu } from './digest.ts';
import { exportCommand, exportMenu } from './export.ts';
import { filterCommand, filterMenu } from './filter.ts';
import { helpCommand, helpMenu } from './help.ts';
import { importCommand } from './import.ts';
import { langCommand, langMenu } from './lang.ts';
import { latestCommand, latestMenu } from './latest.ts';
import { listCommand, listMenu } from './list.ts';
import { modeCommand, modeMenu } from './mode.ts';
import { quietCommand, quietMenu } from './quiet.ts';
import { readCommand } from './read.ts';
import { searchCommand, searchMenu } from './search.ts';
import { settingsCommand, settingsMenu } from './settings.ts';
import { startCommand, startMenu } from './start.ts';
import { statsCommand } from './stats.ts';
import { subscribeCommand, subscribeMenu } from './subscribe.ts';
import { unknownCommand } from './unknown.ts';
import { unsubscribeCommand, unsubscribeMenu } from './unsubscribe.ts';
import { unwatchCommand } from './unwatch.ts';
import { watchCommand, watchMenu } from './watch.ts';

/** a mounted command: its handlers, and its line in the "/" menu when it has one */
export interface MountedCommand {
  handlers: Composer<BotContext>;
  menu?: MenuEntry;
}

/**
 * Every command, in one explicit list; the catch-all for unknown commands and text comes last.
 * Those with a menu entry come first, in the order Telegram's menu shows them (handlers match
 * distinct commands and button prefixes, so their order among themselves doesn't matter).
 */
export const commands: readonly MountedCommand[] = [
  { handlers: startCommand, menu: startMenu },
  { handlers: helpCommand, menu: helpMenu },
  { handlers: categoriesCommand, menu: categoriesMenu },
  { handlers: subscribeCommand, menu: subscribeMenu },
  { handlers: unsubscribeCommand, menu: unsubscribeMenu },
  { handlers: listCommand, menu: listMenu },
  { handlers: latestCommand, menu: latestMenu },
  { handlers: searchCommand, menu: searchMenu },
  { handlers: modeCommand, menu: modeMenu },
  { handlers: digestCommand, menu: digestMenu },
  { handlers: watchCommand, menu: watchMenu },
  { handlers: filterCommand, menu: filterMenu },
  { handlers: quietCommand, menu: quietMenu },
  { handlers: exportCommand, menu: exportMenu },
  { handlers: settingsCommand, menu: settingsMenu },
  { handlers: langCommand, menu: langMenu },
  { handlers: unwatchCommand },
  { handlers: statsCommand },
  { handlers: readCommand },
  { handlers: importCommand },
  { handlers: unknownCommand },
];

export function mountCommands(bot: Telegraf<BotContext>): void {
  for (const command of commands) bot.use(command.handlers);
}

/** The "/" menu, as the mounted commands declare it. */
export function commandMenu(): MenuEntry[] {
  return commands.flatMap((c) => (c.menu ? [c.menu] : []));
}
