import { Composer } from 'telegraf';
import type { Html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/watch [term…]`: lists the chat's watched terms, or adds some (stock codes, names, words). */
export const watchCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const watchMenu: MenuEntry = {
  command: 'watch',
  scopes: EVERY_CHAT,
};

watchCommand.command('watch', async (ctx) => {
  const m = t(ctx.lang).smart;
  const { watchlists } = ctx.deps;
  const terms = argsOf(ctx);
  if (!terms.length) {
    const list = await watchlists.list(ctx.chat.id);
    return say(ctx, list.length ? m.watchList(list) : [m.watchList(list), m.watchUsage()]);
  }
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  const res = await watchlists.add(chat.id, terms);
  const blocks: Html[] = [];
  if (res.added.length) blocks.push(m.watchAdded(res.added));
  if (res.already.length) blocks.push(m.watchAlready(res.already));
  for (const r of res.rejected) blocks.push(m.watchBad(r.term, r.reason));
  if (res.overChat.length) blocks.push(m.watchFull(watchlists.limits.perChat));
  if (res.overTotal.length) blocks.push(m.watchBusy());
  blocks.push(m.watchList(await watchlists.list(chat.id)));
  await say(ctx, blocks);
});
