import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import { type Strings, t } from '../present/strings/index.ts';

/** the chats a menu line shows in (Telegram's BotCommandScope types we use) */
export type MenuScope = 'all_private_chats' | 'all_group_chats';

/** private chats and groups alike; channels have no command menu */
export const EVERY_CHAT: readonly MenuScope[] = ['all_private_chats', 'all_group_chats'];

/** the commands with a line in the menu; their descriptions are in the string tables */
export type MenuCommand = keyof Strings['menu'];

/** One command's line in Telegram's "/" menu, declared next to the command it describes. */
export interface MenuEntry {
  command: MenuCommand;
  scopes: readonly MenuScope[];
}

const SCOPES: readonly MenuScope[] = ['all_private_chats', 'all_group_chats'];

/**
 * The menu in Chinese (the default, no language_code) and English, one list per scope, in the
 * order the entries come: Telegram shows them as given.
 */
export async function registerMenus(telegram: Telegram, entries: readonly MenuEntry[]): Promise<void> {
  for (const lang of ['zh', 'en'] as const) {
    const language_code = lang === 'en' ? 'en' : undefined;
    for (const type of SCOPES) {
      const commands: BotCommand[] = entries
        .filter((e) => e.scopes.includes(type))
        .map((e) => ({ command: e.command, description: t(lang).menu[e.command] }));
      if (!commands.length) continue;
      await telegram.setMyCommands(commands, {
        scope: { type },
        ...(language_code ? { language_code } : {}),
      });
    }
  }
}
