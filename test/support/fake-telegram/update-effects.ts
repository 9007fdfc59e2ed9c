import type { Chat, Update, User } from 'telegraf/types';
import type { ChatModel, FakeChat, MemberStatus } from './chats.ts';

export interface CallbackQueryState {
  id: string;
  chatId?: number;
  messageId?: number;
  fromId: number;
  injectedAt: number;
  answered: boolean;
}

interface LooseMessage {
  message_id?: number;
  date?: number;
  chat?: Chat;
  from?: User;
  sender_chat?: Chat;
  text?: string;
  reply_markup?: unknown;
  migrate_to_chat_id?: number;
  new_chat_members?: User[];
  reply_to_message?: LooseMessage;
}

function registerChat(chats: ChatModel, chat: Chat): FakeChat {
  const c = chat as Chat & { title?: string; username?: string; first_name?: string; is_forum?: boolean };
  return chats.add({
    id: c.id,
    type: c.type,
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.username !== undefined ? { username: c.username } : {}),
    ...(c.first_name !== undefined ? { firstName: c.first_name } : {}),
    ...(c.is_forum ? { isForum: true } : {}),
  });
}

/** Gives a message an id and date like Telegram would and stores it in its chat. */
function registerMessage(
  chats: ChatModel,
  msg: LooseMessage | undefined,
  bot: User,
  now: number,
  byBot = false,
): void {
  if (!msg?.chat) return;
  if (byBot && msg.chat.type === 'channel') delete msg.from;
  else if (byBot) msg.from = bot;
  const chat = registerChat(chats, msg.chat);
  if (msg.from) chats.addUser(msg.from);
  if (msg.from && !msg.from.is_bot && chat.type !== 'private' && chat.type !== 'channel') {
    chat.members.add(msg.from.id);
  }
  for (const member of msg.new_chat_members ?? []) chats.addUser(member);
  if (!msg.message_id) msg.message_id = chat.lastMessageId + 1;
  chat.lastMessageId = Math.max(chat.lastMessageId, msg.message_id);
  if (!msg.date) msg.date = Math.floor(now / 1000);
  // a message the fake already holds (e.g. the bot's message under a tapped button) stays as sent
  if (chat.messages.has(msg.message_id)) return;
  chat.messages.set(msg.message_id, {
    message: msg as never,
    fromBot: byBot || msg.from?.id === bot.id,
    ...(msg.text !== undefined ? { text: msg.text } : {}),
    ...(msg.reply_markup !== undefined ? { replyMarkup: msg.reply_markup } : {}),
    deleted: false,
  });
  if (msg.migrate_to_chat_id) chats.migrate(chat.id, msg.migrate_to_chat_id);
  registerMessage(chats, msg.reply_to_message, bot, now);
}

function applyMembership(chats: ChatModel, chat: Chat, status: MemberStatus, canPost: boolean): void {
  const c = registerChat(chats, chat);
  if (c.type === 'private') {
    c.blocked = status === 'kicked';
    return;
  }
  c.bot = { status, canPostMessages: canPost };
}

/**
 * Makes the fake's world agree with an injected update: chats, users and messages become
 * known, the bot's membership follows my_chat_member, migrations move the group, and
 * callback queries wait for their answer. Mutates the update (ids and dates filled in).
 */
export function applyUpdate(
  update: Update,
  deps: { chats: ChatModel; bot: User; queries: Map<string, CallbackQueryState>; now: number },
): void {
  const { chats, bot, queries, now } = deps;
  const u = update as unknown as Record<string, unknown>;
  for (const key of ['message', 'edited_message', 'channel_post', 'edited_channel_post']) {
    registerMessage(chats, u[key] as LooseMessage | undefined, bot, now);
  }
  const cq = u['callback_query'] as
    | { id?: string; from?: User; message?: LooseMessage; data?: string }
    | undefined;
  if (cq) {
    // only bots attach inline keyboards, so the message under a button is the bot's own
    registerMessage(chats, cq.message, bot, now, true);
    const shown = cq.message?.chat && chats.get(cq.message.chat.id)?.messages.get(cq.message.message_id ?? 0);
    // Telegram puts the message as it is now (edits applied) under the callback query
    if (shown?.fromBot) cq.message = structuredClone(shown.message) as LooseMessage;
    if (cq.from) chats.addUser(cq.from);
    if (!cq.id) cq.id = `${now}${Math.floor(Math.random() * 1e6)}`;
    queries.set(cq.id, {
      id: cq.id,
      ...(cq.message?.chat ? { chatId: cq.message.chat.id } : {}),
      ...(cq.message?.message_id ? { messageId: cq.message.message_id } : {}),
      fromId: cq.from?.id ?? 0,
      injectedAt: now,
      answered: false,
    });
  }
  const mcm = u['my_chat_member'] as
    | {
        chat?: Chat;
        from?: User;
        new_chat_member?: { status: MemberStatus; user?: User; can_post_messages?: boolean };
      }
    | undefined;
  if (mcm?.chat && mcm.new_chat_member && (mcm.new_chat_member.user?.id ?? bot.id) === bot.id) {
    if (mcm.from) chats.addUser(mcm.from);
    applyMembership(
      chats,
      mcm.chat,
      mcm.new_chat_member.status,
      mcm.new_chat_member.can_post_messages ?? false,
    );
  }
}
