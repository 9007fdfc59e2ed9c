import type { StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';

/**
 * The rule instant pushes and digests share: the chat subscribed to the article's category
 * before the article was stored. By archive position where the chat has it (a clock can tie:
 * a frozen clock or one millisecond made the first digest list the whole archive), else by time.
 */
export function subscribedBefore(
  chat: Pick<Chat, 'subscriptions' | 'subscribedSeq'>,
  a: Pick<StoredArticle, 'category' | 'seq' | 'fetchedAt'>,
): boolean {
  const since = chat.subscriptions[a.category];
  if (since === undefined) return false;
  const seq = chat.subscribedSeq?.[a.category];
  return seq !== undefined ? a.seq > seq : a.fetchedAt >= since;
}
