import type { Chat, Update, User } from 'telegraf/types';
import { DEFAULT_BOT } from './defaults.ts';

/** Builders for membership, migration and malformed updates; re-exported by test/support/updates.ts. */

const asUpdate = (u: object): Update => u as Update;
const privateChatOf = (u: User): Chat.PrivateChat => ({
  id: u.id,
  type: 'private',
  first_name: u.first_name,
});

export type BotStatus = 'member' | 'administrator' | 'left' | 'kicked';

/** The bot's own membership changed (added, promoted, removed, kicked; in private: blocked = kicked). */
export function myChatMember(
  chat: Chat,
  by: User,
  oldStatus: BotStatus,
  newStatus: BotStatus,
  opts: { bot?: User; canPostMessages?: boolean; updateId?: number } = {},
): Update {
  const bot = opts.bot ?? DEFAULT_BOT;
  const member = (status: BotStatus) =>
    status === 'administrator'
      ? { status, user: bot, can_post_messages: opts.canPostMessages ?? chat.type === 'channel' }
      : status === 'kicked'
        ? { status, user: bot, until_date: 0 }
        : { status, user: bot };
  return asUpdate({
    update_id: opts.updateId ?? 0,
    my_chat_member: {
      chat,
      from: by,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(oldStatus),
      new_chat_member: member(newStatus),
    },
  });
}

export const botAdded = (chat: Chat, by: User, asAdmin = chat.type === 'channel'): Update =>
  myChatMember(chat, by, 'left', asAdmin ? 'administrator' : 'member');
export const botRemoved = (chat: Chat, by: User): Update => myChatMember(chat, by, 'member', 'left');
export const botKicked = (chat: Chat, by: User): Update => myChatMember(chat, by, 'member', 'kicked');
/** private chat: the user blocked the bot */
export const botBlocked = (u: User): Update => myChatMember(privateChatOf(u), u, 'member', 'kicked');

/** The service message Telegram sends in the old group when it becomes a supergroup. */
export function migrateToSupergroup(chat: Chat.GroupChat, from: User, newChatId: number): Update {
  return asUpdate({
    update_id: 0,
    message: { message_id: 0, date: 0, chat, from, migrate_to_chat_id: newChatId },
  });
}

/** The matching service message in the new supergroup. */
export function migrateFromGroup(newChat: Chat.SupergroupChat, oldChatId: number): Update {
  return asUpdate({
    update_id: 0,
    message: { message_id: 0, date: 0, chat: newChat, sender_chat: newChat, migrate_from_chat_id: oldChatId },
  });
}

/**
 * Updates with fields a handler may wrongly assume: no `from`, no `text` (a sticker), no chat
 * title, a callback without `data` or without `message` (inline message). For robustness tests.
 */
export function incompleteUpdate(
  kind: 'no-from' | 'no-text' | 'no-title' | 'callback-no-data' | 'callback-no-message',
  chat: Chat,
  from: User,
): Update {
  switch (kind) {
    case 'no-from':
      return asUpdate({ update_id: 0, message: { message_id: 0, date: 0, chat, text: '/help' } });
    case 'no-text':
      return asUpdate({
        update_id: 0,
        message: {
          message_id: 0,
          date: 0,
          chat,
          from,
          sticker: { file_id: 'x', file_unique_id: 'x', type: 'regular' },
        },
      });
    case 'no-title':
      return asUpdate({
        update_id: 0,
        message: { message_id: 0, date: 0, chat: { id: chat.id, type: chat.type }, from, text: '/start' },
      });
    case 'callback-no-data':
      return asUpdate({
        update_id: 0,
        callback_query: {
          id: '',
          from,
          chat_instance: '1',
          message: { message_id: 0, date: 0, chat, text: 'x' },
        },
      });
    case 'callback-no-message':
      return asUpdate({
        update_id: 0,
        callback_query: { id: '', from, chat_instance: '1', inline_message_id: 'inline-1', data: 'read:1' },
      });
  }
}
