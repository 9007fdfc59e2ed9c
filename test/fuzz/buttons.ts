import type { Chat } from 'telegraf/types';
import { cast, type FuzzBot } from '../support/fuzz-bot.ts';
import { command, privateChat, user } from '../support/updates.ts';

/** A real button the bot sent: the chat and message it is under, and its data. */
export interface RealButton {
  chat: Chat;
  messageId: number;
  data: string;
}

/** Someone allowed to tap buttons in a chat (the owner in private, the admin in groups). */
export function tapperFor(chat: Chat) {
  return chat.type === 'private' ? user(chat.id) : cast.admin;
}

/**
 * Makes the bot show every kind of button it has, in private chats and groups, and returns
 * them: these are what the tamper and replay properties start from.
 */
export async function collectButtons(f: FuzzBot): Promise<RealButton[]> {
  const chats: Chat[] = [privateChat(cast.alice), privateChat(cast.bob), cast.group, cast.supergroup];
  const texts = [
    'sub sichuanribao emnews',
    'list',
    'categories',
    'categories 四川',
    'sub sichuanribo',
    'settings',
    'latest',
    'latest emnews 3',
    'search 四川',
    'search 保费',
    'search 的',
    'search a',
    'read 1',
  ];
  const mark = f.h.fake.mark();
  for (const chat of chats) {
    for (const text of texts) {
      const [name, ...args] = text.split(' ');
      await f.send(command(chat, tapperFor(chat), name ?? 'help', args.join(' ')));
    }
  }
  const out: RealButton[] = [];
  for (const m of f.h.fake.sent()) {
    if (m.seq <= mark || m.messageId === undefined) continue;
    const chat = chats.find((c) => String(c.id) === String(m.chatId));
    const rows = (m.replyMarkup?.inline_keyboard as Array<Array<{ callback_data?: string }>>) ?? [];
    for (const b of rows.flat()) {
      if (chat && b.callback_data) out.push({ chat, messageId: m.messageId, data: b.callback_data });
    }
  }
  return out;
}

/** What the bot did to chats other than `chatId` since `mark` (answers to queries aside). */
export function actionsElsewhere(f: FuzzBot, mark: number, chatId: number) {
  return f.h.fake
    .sent()
    .filter((m) => m.seq > mark && m.method !== 'answerCallbackQuery' && String(m.chatId) !== String(chatId))
    .map((m) => ({ method: m.method, chatId: m.chatId, text: m.plainText?.slice(0, 80) }));
}
