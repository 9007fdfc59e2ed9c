import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Telegraf } from 'telegraf';
import type { Deps } from '../deps.ts';
import type { BotContext } from './context.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(given: string | string[] | undefined, want: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook HTTP handler: every request must carry WEBHOOK_SECRET in Telegram's secret
 * header (403 and counted otherwise); the rest is telegraf's own webhook callback.
 */
export function createWebhookHandler(
  bot: Telegraf<BotContext>,
  deps: Pick<Deps, 'config' | 'metrics' | 'log'>,
  path = '/telegram',
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const secret = deps.config.WEBHOOK_SECRET;
  if (!secret) throw new Error('WEBHOOK_SECRET is required for webhook mode');
  const inner = bot.webhookCallback(path);
  return async (req, res) => {
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) {
      deps.metrics.webhookRefused.inc();
      deps.log.warn({ path: req.url?.split('?')[0] }, 'webhook request refused: bad secret');
      res.statusCode = 403;
      res.end('forbidden');
      return;
    }
    await inner(req, res);
  };
}

/** The URL path Telegram should call, taken from WEBHOOK_URL. */
export function webhookPath(webhookUrl: string): string {
  return new URL(webhookUrl).pathname || '/';
}
