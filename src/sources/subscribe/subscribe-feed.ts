import type { Deps } from '../../deps.ts';
import type { ReaderDeps } from '../reader/read-feed.ts';
import type { FeedRecord } from '../store/types.ts';

export type ServiceDeps = ReaderDeps & Pick<Deps, 'chats'>;

export type SubscribeOutcome =
  | { ok: true; feed: FeedRecord; added: boolean }
  | { ok: false; reason: 'over-limit'; feed: FeedRecord };

/** Subscribes a chat to a feed that was already read once (so nothing old is ever sent). */
export async function subscribeFeed(
  deps: ServiceDeps,
  chatId: number,
  feed: FeedRecord,
): Promise<SubscribeOutcome> {
  const res = await deps.chats.subscribe(chatId, [feed.slug], deps.now());
  if (res.overLimit.length) return { ok: false, reason: 'over-limit', feed };
  return { ok: true, feed, added: res.added.length > 0 };
}
