import type { Context } from 'telegraf';
import type { Lang } from '../chats/types.ts';
import type { Deps } from '../deps.ts';

/** The context every command sees: the shared deps and the language to answer in. */
export interface BotContext extends Context {
  deps: Deps;
  lang: Lang;
}
