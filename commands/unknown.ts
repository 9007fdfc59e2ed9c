import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { answer, say } from '../src/telegram/reply.ts';

/** Is a group message meant for us: `/x@us`, a mention of @us, or a reply to one of our messages? */
function addressed(ctx: BotContext, text: string): boolean {
  const me = ctx.botInfo.username.toLowerCase();
  const lower = text.toLowerCase();
  const cmd = /^\/[^\s@]+@(\S+)/.exec(lower);
  if (cmd) return cmd[1] === me;
  if (lower.includes(`@${me}`)) return true;
  const msg = ctx.message;
  return !!msg && 'reply_to_message' in msg && msg.reply_to_message?.from?.id === ctx.botInfo.id;
}

/**
 * Last in the chain: anything no command took. Private chats get a short hint; groups only
 * when the message is addressed to us; commands for other bots are never ours. Callback
 * queries nobody recognised are answered so the user's spinner stops.
 */
export const unknownCommand = new Composer<BotContext>();

unknownCommand.on('callback_query', (ctx) => answer(ctx, t(ctx.lang).stale));

unknownCommand.on('message', async (ctx) => {
  const msg = ctx.message;
  const text = 'text' in msg ? msg.text : '';
  const forOther = /^\/[^\s@]+@(\S+)/.exec(text);
  if (forOther && forOther[1]?.toLowerCase() !== ctx.botInfo.username.toLowerCase()) return;
  if (ctx.chat.type === 'private') {
    if ('new_chat_members' in msg || 'left_chat_member' in msg) return;
    return say(ctx, t(ctx.lang).unknown());
  }
  if (text && addressed(ctx, text)) await say(ctx, t(ctx.lang).unknown());
});
