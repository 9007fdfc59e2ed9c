import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/unwatch <term…|all>`: stops watching terms. */
export const unwatchCommand = new Composer<BotContext>();

unwatchCommand.command('unwatch', async (ctx) => {
  const m = t(ctx.lang).smart;
  const terms = argsOf(ctx);
  if (!terms.length) return say(ctx, m.unwatchUsage());
  if (!(await requireManager(ctx))) return;
  const all = terms.some((w) => w.toLowerCase() === 'all' || w === '全部');
  const removed = await ctx.deps.watchlists.remove(ctx.chat.id, all ? 'all' : terms);
  await say(ctx, [m.unwatched(removed), m.watchList(await ctx.deps.watchlists.list(ctx.chat.id))]);
});
