/**
 * Builders for the updates Telegram sends, shaped like the real ones. update_id, message_id
 * and date may be left out (0): FakeTelegram.injectUpdate() fills them like Telegram would.
 */
import type { Chat, MessageEntity, Update, User } from 'telegraf/types';
import { DEFAULT_BOT, GROUP_ANONYMOUS_BOT } from './fake-telegram/defaults.ts';

export { GROUP_ANONYMOUS_BOT };

export function user(
  id: number,
  opts: { firstName?: string; username?: string; languageCode?: string } = {},
): User {
  return {
    id,
    is_bot: false,
    first_name: opts.firstName ?? `User${id}`,
    ...(opts.username ? { username: opts.username } : {}),
    ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
  };
}

export const privateChat = (u: User): Chat.PrivateChat => ({
  id: u.id,
  type: 'private',
  first_name: u.first_name,
  ...(u.username ? { username: u.username } : {}),
});
export const groupChat = (id: number, title = `Group ${id}`): Chat.GroupChat => ({
  id,
  type: 'group',
  title,
});
export const supergroupChat = (
  id: number,
  title = `Supergroup ${id}`,
  username?: string,
): Chat.SupergroupChat => ({
  id,
  type: 'supergroup',
  title,
  ...(username ? { username } : {}),
});
export const channelChat = (id: number, title = `Channel ${id}`, username?: string): Chat.ChannelChat => ({
  id,
  type: 'channel',
  title,
  ...(username ? { username: username.replace(/^@/, '') } : {}),
});

/**
 * bot_command entities as Telegram marks them: a `/command` (optionally `@botname`) at the start
 * of the text or after whitespace. Offsets and lengths are in UTF-16 code units.
 */
export function commandEntities(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const re = /(^|\s)(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?)(?=$|\s|[.,;:!?)])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const cmd = m[2] ?? '';
    out.push({ type: 'bot_command', offset: m.index + (m[1] ?? '').length, length: cmd.length });
  }
  return out;
}

interface MessageOpts {
  messageId?: number;
  date?: number;
  updateId?: number;
  replyTo?: { message_id: number; text?: string; from?: User };
}

function textMessage(chat: Chat, from: User | undefined, text: string, opts: MessageOpts, extra = {}) {
  const entities = commandEntities(text);
  return {
    message_id: opts.messageId ?? 0,
    date: opts.date ?? 0,
    chat,
    ...(from ? { from } : {}),
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(opts.replyTo ? { reply_to_message: { date: 0, chat, ...opts.replyTo } } : {}),
    ...extra,
  };
}

const asUpdate = (u: object): Update => u as Update;

/** A person writes to the bot in private (a command, if the text starts with one). */
export function privateMessage(from: User, text: string, opts: MessageOpts = {}): Update {
  return asUpdate({
    update_id: opts.updateId ?? 0,
    message: textMessage(privateChat(from), from, text, opts),
  });
}

export function groupMessage(chat: Chat, from: User, text: string, opts: MessageOpts = {}): Update {
  return asUpdate({ update_id: opts.updateId ?? 0, message: textMessage(chat, from, text, opts) });
}

/** An anonymous admin writes as the group: from = GroupAnonymousBot, sender_chat = the group. */
export function anonymousAdminMessage(chat: Chat, text: string, opts: MessageOpts = {}): Update {
  return asUpdate({
    update_id: opts.updateId ?? 0,
    message: textMessage(chat, GROUP_ANONYMOUS_BOT, text, opts, { sender_chat: chat }),
  });
}

/** A post in a channel: no `from`, sender_chat = the channel. */
export function channelPost(chat: Chat.ChannelChat, text: string, opts: MessageOpts = {}): Update {
  return asUpdate({
    update_id: opts.updateId ?? 0,
    channel_post: textMessage(chat, undefined, text, opts, { sender_chat: chat }),
  });
}

/** `/name@bot args` in any chat; `botUsername` adds the @-suffix used in groups. */
export function command(
  chat: Chat,
  from: User,
  name: string,
  args = '',
  opts: MessageOpts & { botUsername?: string | undefined } = {},
): Update {
  const head = `/${name}${opts.botUsername ? `@${opts.botUsername}` : ''}`;
  const text = args ? `${head} ${args}` : head;
  return asUpdate({ update_id: opts.updateId ?? 0, message: textMessage(chat, from, text, opts) });
}

/** A tap on an inline button of a bot message (`messageId`) in `chat`. */
export function callbackQuery(
  chat: Chat,
  from: User,
  data: string,
  opts: {
    messageId?: number | undefined;
    messageText?: string;
    queryId?: string;
    bot?: User;
    updateId?: number;
  } = {},
): Update {
  return asUpdate({
    update_id: opts.updateId ?? 0,
    callback_query: {
      id: opts.queryId ?? '',
      from,
      chat_instance: String(chat.id),
      data,
      message: {
        message_id: opts.messageId ?? 0,
        date: 0,
        chat,
        from: opts.bot ?? DEFAULT_BOT,
        text: opts.messageText ?? 'message with buttons',
      },
    },
  });
}

export * from './fake-telegram/membership-updates.ts';

/** A forum supergroup (is_forum): messages in its topics carry message_thread_id. */
export const forumChat = (id: number, title = `Forum ${id}`): Chat.SupergroupChat => ({
  id,
  type: 'supergroup',
  title,
  is_forum: true,
});

/** The update's message, as sent inside forum topic `threadId` (not the General topic). */
export function inTopic(update: Update, threadId: number): Update {
  const u = update as { message?: object };
  if (!u.message) return update;
  return asUpdate({ ...u, message: { ...u.message, message_thread_id: threadId, is_topic_message: true } });
}
