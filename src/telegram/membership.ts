import { Composer } from 'telegraf';
import { t } from '../present/strings/index.ts';
import type { BotContext } from './context.ts';
import { chatKind, chatTitle } from './guard.ts';
import { say } from './reply.ts';

const PRESENT = new Set(['member', 'administrator', 'creator', 'restricted']);

/**
 * The bot's own membership: removed or blocked → the chat goes quiet (subscriptions kept);
 * added back → active again; the first time in a group → one introduction. Group →
 * supergroup migrations move the chat's state to the new id (both service messages are
 * handled; migrate() is idempotent).
 */
export const membership = new Composer<BotContext>();

membership.on('my_chat_member', async (ctx) => {
  const { chat, new_chat_member: now } = ctx.myChatMember;
  const { chats } = ctx.deps;
  const present = PRESENT.has(now.status) && (now.status !== 'restricted' || now.is_member);
  if (!present) {
    ctx.log.info({ status: now.status }, 'bot removed from chat');
    if (await chats.get(chat.id)) await chats.setActive(chat.id, false);
    return;
  }
  const record = await chats.ensure(chat.id, {
    kind: chatKind(chat.type),
    title: chatTitle(chat as { type: string }),
    lang: ctx.lang,
  });
  if (!record.active) await chats.setActive(chat.id, true);
  // whoever added the bot likely runs the chat: a hint for the Mini App, checked before use
  if (ctx.from && chat.type !== 'private') await ctx.deps.access.remember(ctx.from.id, chat.id);
  if ((chat.type === 'group' || chat.type === 'supergroup') && !record.greeted) {
    await chats.update(chat.id, { greeted: true });
    await say(ctx, t(record.lang).groupIntro());
  }
});

membership.on('message', async (ctx, next) => {
  const msg = ctx.message;
  if ('migrate_to_chat_id' in msg && msg.migrate_to_chat_id) {
    await ctx.deps.chats.migrate(msg.chat.id, msg.migrate_to_chat_id);
    ctx.log.info({ to: msg.migrate_to_chat_id }, 'group migrated to a supergroup');
    return;
  }
  if ('migrate_from_chat_id' in msg && msg.migrate_from_chat_id) {
    await ctx.deps.chats.migrate(msg.migrate_from_chat_id, msg.chat.id);
    return;
  }
  return next();
});
