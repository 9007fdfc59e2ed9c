import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    // telegraf decodes each chunk of the body on its own, which garbles a character split
    // between two chunks (四 arrives as ���); it takes a ready body as one Buffer instead
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    (req as IncomingMessage & { body?: Buffer }).body = Buffer.concat(chunks);
    await inner(req, res);
  };
}

/** The URL path Telegram should call, taken from WEBHOOK_URL. */
function webhookPath(webhookUrl: string): string {
  return new URL(webhookUrl).pathname || '/';
}

export interface WebhookServer {
  port: number;
  /** stops listening and removes the webhook; safe to call twice */
  close(): Promise<void>;
}

/**
 * Webhook mode end to end: listens on WEBHOOK_PORT (the path of WEBHOOK_URL, behind the
 * operator's TLS proxy) and registers WEBHOOK_URL with the secret. The caller owns the bot.
 */
export async function startWebhookServer(
  bot: Telegraf<BotContext>,
  deps: Pick<Deps, 'config' | 'metrics' | 'log'>,
  opts: { port?: number; host?: string } = {},
): Promise<WebhookServer> {
  const { WEBHOOK_URL: url, WEBHOOK_SECRET: secret } = deps.config;
  if (!url || !secret) throw new Error('WEBHOOK_URL and WEBHOOK_SECRET are required for webhook mode');
  const path = webhookPath(url);
  const handler = createWebhookHandler(bot, deps, path);
  const server = createServer((req, res) => {
    handler(req, res).catch((err) => {
      deps.log.error({ err }, 'webhook request failed');
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? deps.config.WEBHOOK_PORT, opts.host ?? '0.0.0.0', () => resolve());
  });
  bot.botInfo ??= await bot.telegram.getMe();
  await bot.telegram.setWebhook(url, { secret_token: secret, drop_pending_updates: false });
  deps.log.info({ path, port: (server.address() as AddressInfo).port }, 'webhook listening');
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((r) => server.close(() => r()));
        await bot.telegram.deleteWebhook().catch((err) => deps.log.warn({ err }, 'deleteWebhook failed'));
      })();
      return closing;
    },
  };
}
