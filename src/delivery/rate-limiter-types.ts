/** Command replies and callback answers; they go before pushes. */
export type SendPriority = 'reply' | 'push';

export interface AcquireOptions {
  /** give up (reject with SendTurnTimeout) when no turn came within this long */
  maxWaitMs?: number;
  /** gives the turn back unused, e.g. when the sender stops */
  signal?: AbortSignal;
}

/**
 * The one turnstile every outgoing message passes: SEND_RATE across the bot (across instances
 * for the Redis implementation), Telegram's per-chat limits, and every retry_after announced
 * by a 429. Replies take the free turns first; pushes fill the rest.
 */
export interface SendGate {
  /** resolves with the grant time (ms on the gate's clock) once `chatId` may get one message */
  acquire(chatId: number, priority: SendPriority, opts?: AcquireOptions): Promise<number>;
  /**
   * Telegram answered 429 with retry_after. A 429 does not say whether the chat or the bot was
   * over its limit: the chat waits the whole window, and so does every push; replies to other
   * chats keep going (a user's answer is worth more than the small risk). Without a chat, all wait.
   */
  onRetryAfter(seconds: number, chatId?: number): Promise<void> | void;
  close(): Promise<void>;
}

export class SendTurnTimeout extends Error {
  constructor(
    readonly chatId: number,
    waitedMs: number,
  ) {
    super(`no send turn for chat ${chatId} within ${waitedMs} ms (flood wait or full window)`);
    this.name = 'SendTurnTimeout';
  }
}

export class SendTurnAborted extends Error {
  constructor(readonly chatId: number) {
    super(`send turn for chat ${chatId} given up`);
    this.name = 'SendTurnAborted';
  }
}

/** Telegram ids: private chats are positive, groups, supergroups and channels negative. */
export const isGroupId = (chatId: number): boolean => chatId < 0;
