import type { Context } from 'telegraf';
import type { Lang } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import type { Logger } from '../log.ts';

/** Per-bot helpers the middlewares hand to every command (built once in createBot). */
export interface BotKit {
  /** true when the user administers the chat (cached briefly) */
  isAdmin(chatId: number, userId: number): Promise<boolean>;
  /** signs callback data for a button shown in `chatId` (≤ 64 bytes with the signature) */
  sign(chatId: number, payload: string): string;
  /** the payload, or null when the data was not made by us for this chat */
  verify(chatId: number, data: string): string | null;
}

/** The context every command sees: the shared deps and the language to answer in. */
export interface BotContext extends Context {
  deps: Deps;
  lang: Lang;
  /** the chat's time zone (its setting, else the configured TZ) for every time a reply shows */
  tz: string;
  /** child logger for this update (update id, chat, user) */
  log: Logger;
  kit: BotKit;
}
