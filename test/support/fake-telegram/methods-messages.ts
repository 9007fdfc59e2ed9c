import type { Message } from 'telegraf/types';
import type { SentMessage } from './calls.ts';
import type { FakeChat, StoredMessage } from './chats.ts';
import { intParam, type MethodContext, type MethodHandler, requireChat } from './context.ts';
import { badRequest } from './errors.ts';
import {
  CALLBACK_ANSWER_LIMIT,
  type ParsedText,
  parseReplyMarkup,
  parseText,
  sameMarkup,
} from './validate.ts';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const QUERY_TOO_OLD = 'query is too old and response timeout expired or query ID is invalid';

function linkPreviewDisabled(body: Record<string, unknown>): boolean {
  const opts = body['link_preview_options'] as { is_disabled?: boolean } | undefined;
  return body['disable_web_page_preview'] === true || opts?.is_disabled === true;
}

function sentView(
  ctx: MethodContext,
  chatId: number | undefined,
  messageId: number | undefined,
  parsed: ParsedText | undefined,
  markup: Record<string, unknown> | undefined,
): SentMessage {
  return {
    seq: ctx.record.seq,
    method: ctx.record.method,
    ...(chatId !== undefined ? { chatId } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(parsed
      ? { text: parsed.text, plainText: parsed.plainText, entities: parsed.entities }
      : { entities: [] }),
    ...(parsed?.parseMode ? { parseMode: parsed.parseMode } : {}),
    ...(markup ? { replyMarkup: markup } : {}),
    linkPreviewDisabled: linkPreviewDisabled(ctx.body),
    time: ctx.now,
  };
}

function assertReplyTarget(ctx: MethodContext, chat: FakeChat): void {
  const params = ctx.body['reply_parameters'] as
    | { message_id?: number; allow_sending_without_reply?: boolean }
    | undefined;
  const target = params?.message_id ?? (ctx.body['reply_to_message_id'] as number | undefined);
  if (target === undefined) return;
  const allow = params?.allow_sending_without_reply ?? ctx.body['allow_sending_without_reply'] === true;
  const stored = chat.messages.get(Number(target));
  if ((!stored || stored.deleted) && !allow) throw badRequest('message to be replied not found', 'state');
}

function newMessage(ctx: MethodContext, chat: FakeChat, fields: Record<string, unknown>): Message {
  const { state } = ctx;
  const message = {
    message_id: ++chat.lastMessageId,
    date: Math.floor(ctx.now / 1000),
    chat: state.chats.toChat(chat),
    ...(chat.type === 'channel' ? { sender_chat: state.chats.toChat(chat) } : { from: state.bot }),
    ...fields,
  } as unknown as Message;
  chat.messages.set(message.message_id, {
    message,
    fromBot: true,
    ...(typeof fields['text'] === 'string' ? { text: fields['text'] } : {}),
    ...(fields['reply_markup'] ? { replyMarkup: fields['reply_markup'] } : {}),
    deleted: false,
  });
  return message;
}

function textFields(parsed: ParsedText | undefined, key: 'text' | 'caption', markup: unknown) {
  return {
    ...(parsed ? { [key]: parsed.plainText } : {}),
    ...(parsed && parsed.entities.length > 0
      ? { [key === 'text' ? 'entities' : 'caption_entities']: parsed.entities }
      : {}),
    ...(markup ? { reply_markup: markup } : {}),
  };
}

const sendMessage: MethodHandler = (ctx) => {
  const chat = requireChat(ctx);
  const parsed = parseText(ctx.body['text'], ctx.body['parse_mode'], 'text', true);
  const markup = parseReplyMarkup(ctx.body['reply_markup']);
  assertReplyTarget(ctx, chat);
  ctx.state.limiter.take(chat.id, chat.type, ctx.now);
  const message = newMessage(ctx, chat, textFields(parsed, 'text', markup));
  ctx.record.sent = sentView(ctx, chat.id, message.message_id, parsed, markup);
  return message;
};

/** sendPhoto / sendDocument: the file is taken as given (file_id, URL or upload); the caption is checked. */
const sendMedia =
  (field: 'photo' | 'document'): MethodHandler =>
  (ctx) => {
    const chat = requireChat(ctx);
    if (ctx.body[field] === undefined || ctx.body[field] === '')
      throw badRequest(`there is no ${field} in the request`);
    const parsed = parseText(ctx.body['caption'], ctx.body['parse_mode'], 'caption', false);
    const markup = parseReplyMarkup(ctx.body['reply_markup']);
    assertReplyTarget(ctx, chat);
    ctx.state.limiter.take(chat.id, chat.type, ctx.now);
    const file = {
      file_id: `file-${ctx.record.seq}`,
      file_unique_id: `u${ctx.record.seq}`,
      width: 1,
      height: 1,
    };
    const media =
      field === 'photo'
        ? { photo: [file] }
        : { document: { file_id: file.file_id, file_unique_id: file.file_unique_id } };
    const message = newMessage(ctx, chat, { ...media, ...textFields(parsed, 'caption', markup) });
    ctx.record.sent = sentView(ctx, chat.id, message.message_id, parsed, markup);
    return message;
  };

function editable(ctx: MethodContext): { chat: FakeChat; stored: StoredMessage } | undefined {
  if (ctx.body['inline_message_id'] !== undefined) return undefined;
  const chat = requireChat(ctx);
  const stored = chat.messages.get(intParam(ctx, 'message_id'));
  if (!stored || stored.deleted) throw badRequest('message to edit not found', 'state');
  if (!stored.fromBot) throw badRequest("message can't be edited", 'state');
  return { chat, stored };
}

const editMessageText: MethodHandler = (ctx) => {
  const target = editable(ctx);
  const parsed = parseText(ctx.body['text'], ctx.body['parse_mode'], 'text', true);
  const markup = parseReplyMarkup(ctx.body['reply_markup']);
  if (!target) {
    ctx.record.sent = sentView(ctx, undefined, undefined, parsed, markup);
    return true;
  }
  const old = target.stored.message as Message.TextMessage;
  const fields = textFields(parsed, 'text', markup);
  if (
    old.text === parsed?.plainText &&
    JSON.stringify(old.entities ?? []) === JSON.stringify(parsed?.entities ?? []) &&
    sameMarkup(target.stored.replyMarkup, markup)
  ) {
    throw badRequest(NOT_MODIFIED, 'state');
  }
  const { entities: _e, reply_markup: _r, ...kept } = old as Message.TextMessage & { reply_markup?: unknown };
  target.stored.message = { ...kept, ...fields, edit_date: Math.floor(ctx.now / 1000) } as Message;
  if (parsed) target.stored.text = parsed.plainText;
  if (markup) target.stored.replyMarkup = markup;
  else delete target.stored.replyMarkup;
  ctx.record.sent = sentView(ctx, target.chat.id, old.message_id, parsed, markup);
  return target.stored.message;
};

const editMessageReplyMarkup: MethodHandler = (ctx) => {
  const target = editable(ctx);
  const markup = parseReplyMarkup(ctx.body['reply_markup']);
  if (!target) return true;
  if (sameMarkup(target.stored.replyMarkup, markup)) throw badRequest(NOT_MODIFIED, 'state');
  const { reply_markup: _r, ...kept } = target.stored.message as Message & { reply_markup?: unknown };
  target.stored.message = { ...kept, ...(markup ? { reply_markup: markup } : {}) } as Message;
  if (markup) target.stored.replyMarkup = markup;
  else delete target.stored.replyMarkup;
  ctx.record.sent = sentView(ctx, target.chat.id, target.stored.message.message_id, undefined, markup);
  return target.stored.message;
};

const deleteMessage: MethodHandler = (ctx) => {
  const chat = requireChat(ctx);
  const id = intParam(ctx, 'message_id');
  const stored = chat.messages.get(id);
  if (!stored || stored.deleted) throw badRequest('message to delete not found', 'state');
  stored.deleted = true;
  ctx.record.sent = sentView(ctx, chat.id, id, undefined, undefined);
  return true;
};

const answerCallbackQuery: MethodHandler = (ctx) => {
  const id = ctx.body['callback_query_id'];
  const query = typeof id === 'string' ? ctx.state.queries.get(id) : undefined;
  if (!query || query.answered || ctx.now - query.injectedAt > ctx.state.callbackQueryTtlMs) {
    throw badRequest(QUERY_TOO_OLD, 'state');
  }
  const text = ctx.body['text'];
  if (typeof text === 'string' && text.length > CALLBACK_ANSWER_LIMIT) throw badRequest('MESSAGE_TOO_LONG');
  query.answered = true;
  if (query.chatId !== undefined) ctx.record.chatId = query.chatId;
  ctx.record.sent = {
    ...sentView(ctx, query.chatId, query.messageId, undefined, undefined),
    ...(typeof text === 'string' ? { text, plainText: text } : {}),
    callbackQueryId: query.id,
    showAlert: ctx.body['show_alert'] === true,
  };
  return true;
};

const sendChatAction: MethodHandler = (ctx) => {
  requireChat(ctx);
  if (typeof ctx.body['action'] !== 'string') throw badRequest('action is empty');
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  sendPhoto: sendMedia('photo'),
  sendDocument: sendMedia('document'),
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendChatAction,
};
