import type { FakeChat } from './chats.ts';
import { type MethodHandler, requireChat } from './context.ts';
import { badRequest } from './errors.ts';
import { assertReplyTarget, newMessage, sentView, textFields } from './message-helpers.ts';
import { editMethods } from './methods-edits.ts';
import { CALLBACK_ANSWER_LIMIT, parseReplyMarkup, parseText } from './validate.ts';

const QUERY_TOO_OLD = 'query is too old and response timeout expired or query ID is invalid';

const sendMessage: MethodHandler = (ctx) => {
  const chat = requireChat(ctx);
  const parsed = parseText(ctx.body['text'], ctx.body['parse_mode'], 'text', true);
  const markup = parseReplyMarkup(ctx.body['reply_markup'], chat.type);
  assertReplyTarget(ctx, chat);
  const thread = topicOf(ctx.body, chat);
  ctx.state.limiter.take(chat.id, chat.type, ctx.now);
  const inTopic = thread === undefined ? {} : { message_thread_id: thread, is_topic_message: true };
  const message = newMessage(ctx, chat, { ...textFields(parsed, 'text', markup), ...inTopic });
  ctx.record.sent = {
    ...sentView(ctx, chat.id, message.message_id, parsed, markup),
    ...(thread === undefined ? {} : { threadId: thread }),
  };
  return message;
};

/** The forum topic a send names, refused like Telegram when the test deleted it. */
function topicOf(body: Record<string, unknown>, chat: FakeChat): number | undefined {
  const thread = body['message_thread_id'];
  if (thread === undefined) return undefined;
  if (typeof thread !== 'number' || !Number.isSafeInteger(thread))
    throw badRequest('invalid message thread id');
  if (!chat.isForum) return undefined;
  if (chat.deletedTopics.has(thread)) throw badRequest('message thread not found', 'state');
  return thread;
}

/** sendPhoto / sendDocument: the file is taken as given (file_id, URL or upload); the caption is checked. */
const sendMedia =
  (field: 'photo' | 'document'): MethodHandler =>
  (ctx) => {
    const chat = requireChat(ctx);
    if (ctx.body[field] === undefined || ctx.body[field] === '')
      throw badRequest(`there is no ${field} in the request`);
    const parsed = parseText(ctx.body['caption'], ctx.body['parse_mode'], 'caption', false);
    const markup = parseReplyMarkup(ctx.body['reply_markup'], chat.type);
    assertReplyTarget(ctx, chat);
    ctx.state.limiter.take(chat.id, chat.type, ctx.now);
    // an uploaded document is kept, so tests read back what the bot sent (fake.file)
    const upload = ctx.uploads?.get(field);
    if (upload) ctx.state.files.add(upload.name, upload.bytes, `file-${ctx.record.seq}`);
    const file = {
      file_id: `file-${ctx.record.seq}`,
      file_unique_id: `u${ctx.record.seq}`,
      width: 1,
      height: 1,
    };
    const media =
      field === 'photo'
        ? { photo: [file] }
        : {
            document: {
              file_id: file.file_id,
              file_unique_id: file.file_unique_id,
              ...(upload ? { file_name: upload.name, file_size: upload.bytes.length } : {}),
            },
          };
    const message = newMessage(ctx, chat, { ...media, ...textFields(parsed, 'caption', markup) });
    ctx.record.sent = sentView(ctx, chat.id, message.message_id, parsed, markup);
    return message;
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
  ...editMethods,
  answerCallbackQuery,
  sendChatAction,
};
