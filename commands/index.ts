import type { Composer, Telegraf } from 'telegraf';
import type { BotContext } from '../src/telegram/context.ts';
import { categoriesCommand } from './categories.ts';
import { digestCommand } from './digest.ts';
import { exportCommand } from './export.ts';
import { filterCommand } from './filter.ts';
import { helpCommand } from './help.ts';
import { importCommand } from './import.ts';
import { langCommand } from './lang.ts';
import { latestCommand } from './latest.ts';
import { listCommand } from './list.ts';
import { modeCommand } from './mode.ts';
import { quietCommand } from './quiet.ts';
import { readCommand } from './read.ts';
import { searchCommand } from './search.ts';
import { settingsCommand } from './settings.ts';
import { startCommand } from './start.ts';
import { statsCommand } from './stats.ts';
import { subscribeCommand } from './subscribe.ts';
import { unknownCommand } from './unknown.ts';
import { unsubscribeCommand } from './unsubscribe.ts';
import { unwatchCommand } from './unwatch.ts';
import { watchCommand } from './watch.ts';

/** Every command, in one explicit list; the catch-all for unknown commands and text comes last. */
export const commands: ReadonlyArray<Composer<BotContext>> = [
  startCommand,
  helpCommand,
  categoriesCommand,
  subscribeCommand,
  unsubscribeCommand,
  listCommand,
  modeCommand,
  digestCommand,
  quietCommand,
  watchCommand,
  unwatchCommand,
  filterCommand,
  settingsCommand,
  langCommand,
  statsCommand,
  latestCommand,
  searchCommand,
  readCommand,
  exportCommand,
  importCommand,
  unknownCommand,
];

export function mountCommands(bot: Telegraf<BotContext>): void {
  for (const command of commands) bot.use(command);
}
