import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Chat, ChatKind, ChatStore } from '../chats/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { isNotModified } from '../telegram/errors.ts';
import { readButton } from '../telegram/web-app.ts';
import type { OutboxRow } from './outbox.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import type { ChatLimits } from './rate-limiter.ts';
import type { SendGate } from './rate-limiter-types.ts';
import type { OutgoingMessage } from './render-port.ts';

export interface SendMessagePayload {
  chat_id: number;
  text: string;
  parse_mode?: 'HTML';
  link_preview_options?: { is_disabled: boolean };
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
  /** set: editMessageText of this message (a later copy of a story) instead of sendMessage */
  message_id?: number;
  /** a forum topic's thread */
  message_thread_id?: number;
}
/** sendMessage through the Bot API; rejects with telegraf's TelegramError or a network error */
export type SendMessage = (
  payload: SendMessagePayload,
  signal: AbortSignal,
) => Promise<{ message_id: number }>;

export interface SenderOptions {
  outbox: AsyncOutbox;
  chats: ChatStore;
  /** builds the message for a row, or null when its content is gone (pruned article) */
  render: (row: OutboxRow, chat: Chat) => Promise<OutgoingMessage | null>;
  /** the 全文 button label for the chat */
  readLabel: (chat: Chat) => string;
  /** WEBAPP_URL: 全文 buttons in private chats open the Mini App */
  appUrl?: string | undefined;
  send: SendMessage;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** global messages/s; Infinity = unlimited (only for the gate built when none is given) */
  sendRate: number;
  /** the app's one gate, shared with command replies; a private one from sendRate otherwise */
  gate?: SendGate | undefined;
  chatLimits?: ChatLimits | undefined;
  /** sends in flight at once (also the crash duplicate bound) */
  concurrency?: number | undefined;
  /** give up on a row this long after it was queued */
  maxAgeMs: number;
  backoffBaseMs?: number | undefined;
  backoffMaxMs?: number | undefined;
  sendTimeoutMs?: number | undefined;
  /** a chat whose backlog won't fit in this horizon gets a rollup */
  rollupHorizonMs?: number | undefined;
  idleMs?: number | undefined;
  /** how often the claims of rows in flight are renewed (a third of the outbox lease) */
  leaseRenewMs?: number | undefined;
  onDelivered?: ((row: OutboxRow, chatId: number) => Promise<void> | void) | undefined;
}

export interface Ready {
  row: OutboxRow;
  chat: Chat;
  /** keeps the chat's other rows out of the due list while this one is in flight */
  holdMs: number;
}

export const kindOf = (chat: Chat | undefined, id: number): ChatKind =>
  chat?.kind ?? (id < 0 ? 'supergroup' : 'private');

/**
 * sendMessage parameters for a built message: HTML, the chat's preview setting, a 全文 button
 * (the Mini App's article view in private chats when `appUrl` is set).
 */
export function toPayload(
  chatId: number,
  msg: OutgoingMessage,
  readLabel: string,
  appUrl?: string,
): SendMessagePayload {
  const payload: SendMessagePayload = {
    chat_id: chatId,
    text: msg.text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: msg.disablePreview },
  };
  if (msg.editMessageId !== undefined) payload.message_id = msg.editMessageId;
  if (msg.readSeq !== undefined) {
    payload.reply_markup = { inline_keyboard: [[readButton(chatId, msg.readSeq, readLabel, appUrl)]] };
  }
  return payload;
}

/**
 * A forum topic's record (ChatStore.topicId) posts into its group, in the topic's thread; an
 * edit names its message, which already sits in the thread.
 */
export function addressed(chat: Chat, payload: SendMessagePayload): SendMessagePayload {
  const topic = chat.topic;
  if (!topic) return payload;
  const thread = payload.message_id === undefined ? { message_thread_id: topic.threadId } : {};
  return { ...payload, chat_id: topic.chatId, ...thread };
}

/**
 * sendMessage, or editMessageText when the payload names a message. An edit that changes
 * nothing ("message is not modified": the 另见 line was already there) counts as done.
 */
export function telegramSend(telegram: Telegram): SendMessage {
  return async (payload, signal) => {
    const opts = { signal: signal as never };
    if (payload.message_id === undefined)
      return telegram.callApi('sendMessage', payload as never, opts) as Promise<{ message_id: number }>;
    try {
      await telegram.callApi('editMessageText', payload as never, opts);
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
    return { message_id: payload.message_id };
  };
}
