import type { Chat } from '../chats/types.ts';
import type { OutboxRow } from './outbox.ts';
import type { ChatLimiter } from './rate-limiter.ts';
import type { SenderOptions, SendMessagePayload } from './sender-types.ts';

/**
 * What failure handling may do to the sender loop, and nothing else: the loop's own state
 * (pause, in-flight sends, acks) stays private to it, so a rule here cannot leave it half-set.
 */
export interface SenderPort {
  /** a 429 we can't attribute to one chat: every send waits until `until`, the shared gate too */
  pauseAll(until: number, retryAfterMs: number, chatId: number): Promise<void>;
  /** this chat's window is closed until `until` */
  holdChat(chatId: number, until: number): void;
  /** the chat is gone: its window is forgotten */
  stopChat(chatId: number): void;
  /** the same message once more without parse_mode */
  retryPlain(row: OutboxRow, chat: Chat, payload: SendMessagePayload): Promise<void>;
  /** Telegram refused the token: the loop stops for good */
  halt(): void;
}

/** What failure handling reads of the sender's options. */
export type FailureContext = Pick<
  SenderOptions,
  'outbox' | 'chats' | 'metrics' | 'log' | 'now' | 'maxAgeMs' | 'backoffBaseMs' | 'backoffMaxMs'
>;

/** What a row check may ask of the per-chat windows: only questions, no changes. */
export type ChatWindows = Pick<ChatLimiter, 'readyAt' | 'limitFor' | 'remaining'>;
