import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { buildData } from './callback-data.ts';

/** The Mini App's page for one article: `?article=<seq>` survives the fragment Telegram appends. */
function articleAppUrl(appUrl: string, seq: number): string {
  const url = new URL(appUrl);
  url.searchParams.set('article', String(seq));
  return url.toString();
}

/**
 * A 全文 button. The Bot API allows inline web_app buttons only in private chats between a
 * user and the bot (groups and channels refuse the message with BUTTON_TYPE_INVALID), and user
 * ids are the only positive chat ids: there it opens the app's article view when the app is
 * configured; everywhere else it stays the `read:` callback that sends the text to the chat.
 */
export function readButton(chatId: number, seq: number, text: string, appUrl?: string): InlineKeyboardButton {
  if (appUrl && chatId > 0) return { text, web_app: { url: articleAppUrl(appUrl, seq) } };
  return { text, callback_data: buildData.read(seq) };
}

/** The row under /settings that opens the app (private chats only, for the same reason). */
export function openAppRow(chatId: number, text: string, appUrl?: string): InlineKeyboardButton[][] {
  return appUrl && chatId > 0 ? [[{ text, web_app: { url: appUrl } }]] : [];
}

/** The "设置" menu button beside the message field of every private chat with the bot. */
export function setAppMenuButton(telegram: Telegram, appUrl: string, text: string): Promise<true> {
  return telegram.setChatMenuButton({
    menuButton: { type: 'web_app', text, web_app: { url: appUrl } },
  });
}
