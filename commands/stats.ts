import { Composer } from 'telegraf';
import type { BotContext } from '../src/telegram/context.ts';
import { isOperator } from '../src/telegram/guard.ts';
import { t } from '../src/telegram/i18n.ts';
import { say } from '../src/telegram/reply.ts';

async function lastPoll(ctx: BotContext): Promise<string> {
  const metric = await ctx.deps.metrics.lastPoll.get();
  const seconds = metric.values[0]?.value ?? 0;
  if (!seconds) return '—';
  const ago = Math.max(0, Math.round((ctx.deps.now() - seconds * 1000) / 1000));
  return `${new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19)} UTC (${ago}s)`;
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
      articles: deps.articles.count(),
      queue,
      lastPoll: await lastPoll(ctx),
    }),
  );
});
