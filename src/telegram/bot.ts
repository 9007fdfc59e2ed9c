import { Telegraf, type Telegram } from 'telegraf';
import { commandMenu, mountCommands } from '../../commands/index.ts';
import type { Deps } from '../deps.ts';
import { registerMenus } from './command-menu.ts';
import type { BotContext, BotKit } from './context.ts';
import { membership } from './membership.ts';
import { contextMiddleware } from './middlewares/context.ts';
import { errorMiddleware, reportUpdateError } from './middlewares/errors.ts';
import { floodRetry } from './middlewares/flood-retry.ts';
import { rateLimit } from './middlewares/rate-limit.ts';
import { createSigner } from './signing.ts';

/**
 * The bot with every middleware and command, not launched: the composition root decides
 * between long polling (default) and a webhook.
 */
export function createBot(deps: Deps): Telegraf<BotContext> {
  const token = deps.config.BOT_TOKEN;
  if (!token) throw new Error('BOT_TOKEN is required to build the bot');
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot: deps.config.TELEGRAM_API_ROOT, webhookReply: false },
  });
  const signer = createSigner(token);
  const kit: BotKit = { isAdmin: deps.access.isGroupAdmin, sign: signer.sign, verify: signer.verify };

  bot.use(floodRetry(deps.sendGate));
  bot.use(errorMiddleware(deps));
  bot.use(contextMiddleware(deps, kit));
  bot.use(rateLimit(deps.config.USER_RATE_LIMIT, deps.now));
  bot.use(membership);
  mountCommands(bot);
  bot.catch((err, ctx) => reportUpdateError(err, ctx, deps));
  return bot;
}

/** The command menu in Chinese (default) and English, for private chats and for groups. */
export function registerCommandMenus(telegram: Telegram): Promise<void> {
  return registerMenus(telegram, commandMenu());
}
