import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { isOperator } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** The last successful poll: the poller's stored state (survives restarts), else the gauge. */
async function lastPoll(ctx: BotContext): Promise<string> {
  const { deps } = ctx;
  const stored = (await deps.pollState.load()).lastSuccessAt;
  const gauge = ((await deps.metrics.lastPoll.get()).values[0]?.value ?? 0) * 1000;
  const at = stored ?? (gauge || null);
  if (!at) return '—';
  const ago = Math.max(0, Math.round((deps.now() - at) / 1000));
  const when = new Intl.DateTimeFormat('sv-SE', {
    timeZone: deps.config.TZ,
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(at);
  return `${when} ${deps.config.TZ} (${ago}s)`;
}

/** `/stats`: chats, subscriptions, articles, queue and last poll, for ADMIN_IDS only. */
export const statsCommand = new Composer<BotContext>();

statsCommand.command('stats', async (ctx) => {
  const m = t(ctx.lang);
  if (!isOperator(ctx)) return say(ctx, m.operatorOnly());
  const { deps } = ctx;
  const chats = await deps.chats.stats();
  const queue = await deps.delivery.stats().then(
    (q) => `${q.pending} (sent ${q.sent}, dropped ${q.dropped}, failed ${q.failed})`,
    () => '?',
  );
  await say(
    ctx,
    m.stats({
      chats: chats.chats,
      active: chats.active,
      subs: chats.subscriptions,
      articles: await deps.articles.count(),
      queue,
      lastPoll: await lastPoll(ctx),
    }),
  );
});
