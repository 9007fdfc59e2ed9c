import type { User } from 'telegraf/types';

/** A well-formed token (digits, colon, 35 characters) so telegraf and log scrubbers treat it as real. */
export const DEFAULT_TOKEN = '7000000001:AAFakeTokenForTestsOnly_abcdefghijk';

export const DEFAULT_BOT: User = {
  id: 7000000001,
  is_bot: true,
  first_name: 'Kuaixun Test',
  username: 'kuaixun_test_bot',
};

/** The sender Telegram shows for messages an anonymous group admin writes as the group. */
export const GROUP_ANONYMOUS_BOT: User = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

/** Methods that put a new message in a chat: rate limited, retry_after windows apply. */
export const SEND_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendVoice',
  'sendSticker',
  'sendMediaGroup',
  'sendLocation',
  'sendPoll',
  'copyMessage',
  'forwardMessage',
]);

/** Calls the `sent()` view reports: everything that changes what a user sees. */
export const OUTGOING_METHODS = new Set([
  ...SEND_METHODS,
  'editMessageText',
  'editMessageCaption',
  'editMessageReplyMarkup',
  'answerCallbackQuery',
  'deleteMessage',
]);
