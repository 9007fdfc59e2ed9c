import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { ensureChat, payloadOf, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';
import { subscribeWords } from '../src/telegram/subscribe-flow.ts';

/** `/start [sub_<slug>]`: the introduction, or a deep link that subscribes at once. */
export const startCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const startMenu: MenuEntry = {
  command: 'start',
  scopes: EVERY_CHAT,
};

startCommand.command('start', async (ctx) => {
  const chat = await ensureChat(ctx);
  if (!chat.active) await ctx.deps.chats.setActive(chat.id, true);
  const payload = payloadOf(ctx);
  const m = /^sub_(.{1,60})$/.exec(payload);
  if (m?.[1]) {
    if (!(await requireManager(ctx))) return;
    await subscribeWords(ctx, { chat, remote: false, label: chat.title }, [m[1]]);
    return;
  }
  await say(ctx, ctx.chat.type === 'private' ? t(ctx.lang).startPrivate() : t(ctx.lang).groupIntro());
});
