import type { Message } from 'telegraf/types';
import type { SentMessage } from './calls.ts';
import type { FakeChat } from './chats.ts';
import type { MethodContext } from './context.ts';
import { badRequest } from './errors.ts';
import type { ParsedText } from './validate.ts';

/** Shared by the send and edit handlers: the recorded view, stored bot messages, reply checks. */

export function linkPreviewDisabled(body: Record<string, unknown>): boolean {
  const opts = body['link_preview_options'] as { is_disabled?: boolean } | undefined;
  return body['disable_web_page_preview'] === true || opts?.is_disabled === true;
}

export function sentView(
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

export function assertReplyTarget(ctx: MethodContext, chat: FakeChat): void {
  const params = ctx.body['reply_parameters'] as
    | { message_id?: number; allow_sending_without_reply?: boolean }
    | undefined;
  const target = params?.message_id ?? (ctx.body['reply_to_message_id'] as number | undefined);
  if (target === undefined) return;
  const allow = params?.allow_sending_without_reply ?? ctx.body['allow_sending_without_reply'] === true;
  const stored = chat.messages.get(Number(target));
  if ((!stored || stored.deleted) && !allow) throw badRequest('message to be replied not found', 'state');
}

export function newMessage(ctx: MethodContext, chat: FakeChat, fields: Record<string, unknown>): Message {
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

export function textFields(parsed: ParsedText | undefined, key: 'text' | 'caption', markup: unknown) {
  return {
    ...(parsed ? { [key]: parsed.plainText } : {}),
    ...(parsed && parsed.entities.length > 0
      ? { [key === 'text' ? 'entities' : 'caption_entities']: parsed.entities }
      : {}),
    ...(markup ? { reply_markup: markup } : {}),
  };
}
