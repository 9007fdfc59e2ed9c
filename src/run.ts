import type { Server } from 'node:http';
import type { Telegraf } from 'telegraf';
import { type AppOptions, buildCore } from './app.ts';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { startHealthServer } from './ops/health.ts';
import { t } from './present/strings/index.ts';
import { type Scheduler, startScheduler } from './scheduler.ts';
import { startupLines } from './startup-lines.ts';
import { createBot, registerCommandMenus } from './telegram/bot.ts';
import type { BotContext } from './telegram/context.ts';
import { classifyBotError } from './telegram/errors.ts';
import { pollWhileLeased, type Receiver } from './telegram/receiver.ts';
import { setAppMenuButton } from './telegram/web-app.ts';
import { startWebhookServer } from './telegram/webhook.ts';
import { startWebServer, type WebServer } from './web/server.ts';

export interface RunningApp {
  deps: Deps;
  bot: Telegraf<BotContext>;
  /** resolves when the app stopped by itself (fatal Telegram error) or through stop() */
  done: Promise<{ reason: string; fatal: boolean }>;
  triggerPoll(): Promise<unknown>;
  /** one feed tick (it waits for a finews tick in progress) */
  triggerFeeds(): Promise<unknown>;
  stop(reason?: string): Promise<void>;
}

/** Starts everything `kuaixun run` runs: bot, sender, scheduled jobs, health endpoint. */
export async function startApp(config: Config, opts: AppOptions & { print?: (line: string) => void } = {}) {
  const { deps, storage, jobs, coordination, close } = await buildCore(config, opts);
  const { log } = deps;
  for (const line of startupLines(config, storage.path, coordination))
    (opts.print ?? ((l) => log.info(l)))(line);

  const bot = createBot(deps);
  let finish: (v: { reason: string; fatal: boolean }) => void = () => {};
  const done = new Promise<{ reason: string; fatal: boolean }>((r) => {
    finish = r;
  });
  let stopping: Promise<void> | undefined;
  let health: Server | undefined;
  let webhook: { close(): Promise<void> } | undefined;
  let web: WebServer | undefined;
  let receiver: Receiver | undefined;
  const startedAt = deps.now();
  let scheduler: Scheduler | undefined;

  const stop = (reason = 'stop requested', fatal = false): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      await scheduler?.stop();
      try {
        if (!webhook && !receiver) bot.stop(reason);
      } catch {
        // telegraf throws when the bot was never launched; nothing to stop then
      }
      await receiver?.stop();
      await webhook?.close();
      await web?.close();
      await deps.delivery.stop();
      await coordination?.close();
      await new Promise<void>((r) => (health ? health.close(() => r()) : r()));
      await close();
      finish({ reason, fatal });
    })();
    return stopping;
  };

  const onFatal = (err: unknown) => {
    const e = classifyBotError(err);
    const why =
      e.kind === 'unauthorized'
        ? 'Telegram refused the bot token (401 Unauthorized): it was revoked or mistyped. Get a new one from @BotFather and update BOT_TOKEN.'
        : e.kind === 'conflict'
          ? 'Another instance is already polling with this bot token (409 Conflict). Stop the other one; this one will not fight it.'
          : e.kind === 'network'
            ? `Cannot reach the Telegram Bot API at ${config.TELEGRAM_API_ROOT}: ${(err as Error).message}. Check the network or TELEGRAM_API_ROOT; kuaixun doctor tells more.`
            : `Telegram refused the bot (${e.status}): ${(err as Error).message}`;
    log.fatal({ err }, why);
    void stop(why, true);
  };

  try {
    bot.botInfo = await deps.telegram.getMe();
  } catch (err) {
    onFatal(err);
    await stopping;
    const result = await done;
    throw new Error(result.reason);
  }
  await registerCommandMenus(deps.telegram).catch((err: unknown) =>
    log.warn(
      { err, kind: classifyBotError(err).kind },
      'could not register the command menus; commands still work',
    ),
  );

  if (config.WEBAPP_URL) {
    // without WEBAPP_URL nothing of the Mini App exists: no listener, no menu button
    try {
      web = await startWebServer(deps);
    } catch (err) {
      const why = `Cannot serve the Mini App on WEB_PORT ${config.WEB_PORT}: ${(err as Error).message}`;
      log.fatal({ err }, why);
      await stop(why, true);
      throw new Error(why);
    }
    // one button for every user: in Chinese, the default language
    await setAppMenuButton(deps.telegram, config.WEBAPP_URL, t('zh').appMenuButton).catch((err: unknown) =>
      log.warn({ err }, 'could not set the Mini App menu button; the app still opens from /settings'),
    );
  }
  if (config.WEBHOOK_URL) {
    // every instance behind the load balancer handles the updates it is given
    webhook = await startWebhookServer(bot, deps);
  } else if (coordination) {
    // several instances may share this token: only the receiver lease's holder polls
    receiver = pollWhileLeased({ bot, hold: coordination.holdReceiver, log, onFatal });
  } else {
    bot.launch({ dropPendingUpdates: false }).catch(onFatal);
  }
  deps.delivery.start();
  scheduler = startScheduler(jobs, log.child({ room: 'jobs' }), config.TZ, {
    ...(coordination ? { shouldRun: coordination.shouldRun } : {}),
  });
  if (config.METRICS_PORT !== undefined) {
    health = await startHealthServer(deps, config.METRICS_PORT, { maxPollAgeMs: 15 * 60_000, startedAt });
  }
  // the first tick at once rather than at the next cron slot; with several instances starting
  // together (a deploy), only one of them takes it, as with every scheduled tick
  const atStart = async (name: string) => {
    // one start-up tick per minute across the group, whoever starts first
    const key = `${name}:start`;
    const mine = coordination
      ? await Promise.resolve(coordination.shouldRun(key, 60_000)).catch(() => false)
      : true;
    if (mine) await scheduler?.trigger(name);
  };
  void atStart('poll');
  void atStart('feeds');

  const app: RunningApp = {
    deps,
    bot,
    done,
    triggerPoll: () => scheduler!.trigger('poll'),
    triggerFeeds: () => scheduler!.trigger('feeds'),
    stop: (r) => stop(r),
  };
  return app;
}
