import type { Message } from 'telegraf/types';
import type { FakeChat, StoredMessage } from './chats.ts';
import { intParam, type MethodContext, type MethodHandler, requireChat } from './context.ts';
import { badRequest } from './errors.ts';
import { sentView, textFields } from './message-helpers.ts';
import { parseReplyMarkup, parseText, sameMarkup } from './validate.ts';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
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
  const markup = parseReplyMarkup(ctx.body['reply_markup'], target?.chat.type);
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
  const markup = parseReplyMarkup(ctx.body['reply_markup'], target?.chat.type);
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

export const editMethods: Record<string, MethodHandler> = {
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
};
