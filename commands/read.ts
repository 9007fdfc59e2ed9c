import { Composer } from 'telegraf';
import type { Html } from '../src/present/html.ts';
import { readMessages } from '../src/present/search-reader.ts';
import { t } from '../src/present/strings/index.ts';
import { PREFIX, parseData } from '../src/telegram/callback-data.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { payloadOf } from '../src/telegram/guard.ts';
import { answer, say } from '../src/telegram/reply.ts';

async function sendAll(ctx: BotContext, chatId: number, messages: readonly Html[]): Promise<void> {
  for (const text of messages) {
    await ctx.telegram.sendMessage(chatId, text.value, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  }
}

/**
 * `/read <id>` and the 全文 buttons (`read:<seq>`, also on pushes): the article's clean text
 * in the chat, at most five messages. Reading changes nothing, so the button needs no
 * signature: its data is checked to be an article id, and the text goes only to the chat the
 * button is in (or, for a channel, privately to the person who tapped).
 */
export const readCommand = new Composer<BotContext>();

readCommand.command('read', async (ctx) => {
  const s = t(ctx.lang).search;
  const arg = payloadOf(ctx).split(/\s+/u)[0]?.replace(/^#/, '') ?? '';
  if (!arg) return say(ctx, s.readUsage());
  const article = /^\d{1,12}$/.test(arg) ? await ctx.deps.articles.getBySeq(Number(arg)) : undefined;
  // by code points: a UTF-16 cut could leave half an emoji, which Telegram refuses
  if (!article) return say(ctx, s.readUnknown(Array.from(arg).slice(0, 20).join('')));
  await sendAll(ctx, ctx.chat.id, readMessages(article, s, ctx.deps.now(), ctx.tz));
});

readCommand.use(async (ctx, next) => {
  const q = ctx.callbackQuery;
  if (!q || !('data' in q) || typeof q.data !== 'string' || !q.data.startsWith(PREFIX.read)) return next();
  const s = t(ctx.lang).search;
  const seq = parseData.read(q.data.slice(PREFIX.read.length));
  const article = seq !== null ? await ctx.deps.articles.getBySeq(seq) : undefined;
  const chat = q.message?.chat;
  if (!article || !chat) return answer(ctx, s.readUnknownShort);
  if (chat.type !== 'channel') {
    // read buttons carry no signature, so in a group anyone could tap one repeatedly: up to five
    // long messages each time, and the group's 20/min would starve its pushes
    if (chat.type !== 'private' && !(await ctx.deps.readThrottle.claim(chat.id, article.seq)))
      return answer(ctx, s.readAlreadyShown);
    await answer(ctx);
    return sendAll(ctx, chat.id, readMessages(article, s, ctx.deps.now(), ctx.tz));
  }
  // the text lands in the reader's private chat, so its times follow that chat's zone if it has one
  const tz = (await ctx.deps.chats.get(q.from.id))?.tz ?? ctx.tz;
  try {
    await sendAll(ctx, q.from.id, readMessages(article, s, ctx.deps.now(), tz));
    await answer(ctx, s.readSentPrivately);
  } catch (err) {
    ctx.log.info({ err }, 'full text could not be sent privately');
    await answer(ctx, s.readOpenPrivately, true);
  }
});
