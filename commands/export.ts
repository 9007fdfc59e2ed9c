import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { exportChat } from '../src/sources/exchange/export.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { chatIdOf } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/** `/export`: the chat's feeds as OPML (for any feed reader) and everything as JSON (for /import). */
export const exportCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const exportMenu: MenuEntry = {
  command: 'export',
  scopes: EVERY_CHAT,
};

exportCommand.command('export', async (ctx) => {
  const { deps } = ctx;
  const s = t(ctx.lang).feed;
  const chat = await deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id);
  if (!chat || Object.keys(chat.subscriptions).length === 0) return say(ctx, s.exportEmpty());
  const { json, opml, feeds } = await exportChat(deps, chat);
  const stem = `kuaixun-${String(chat.id).replace('-', 'm')}`;
  if (feeds > 0)
    await ctx.telegram.sendDocument(chat.id, { source: Buffer.from(opml), filename: `${stem}.opml` });
  await ctx.telegram.sendDocument(
    chat.id,
    { source: Buffer.from(JSON.stringify(json, null, 2)), filename: `${stem}.json` },
    { caption: s.exportCaption(feeds, json.sources.length).value, parse_mode: 'HTML' },
  );
});
