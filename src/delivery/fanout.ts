import type { StoredArticle } from '../articles/types.ts';
import type { Chat, ChatStore } from '../chats/types.ts';
import type { Outbox } from './outbox.ts';
import { subscribedBefore } from './subscribed.ts';
import type { OutboxItem } from './types.ts';

export interface FanoutDeps {
  chats: ChatStore;
  outbox: Outbox;
  now: () => number;
}

export const articleKey = (a: Pick<StoredArticle, 'storyKey' | 'id'>) => `a:${a.storyKey || a.id}`;

/**
 * Who gets which new article, written to the outbox in one transaction. Instant-mode chats get
 * one row per story (twins share the key, so the second is ignored); digest-mode chats get
 * nothing here, their digest reads the archive by cursor. A chat never gets a post that was
 * already stored before it subscribed to the category.
 */
export async function fanOut(deps: FanoutDeps, articles: readonly StoredArticle[]): Promise<number> {
  const subscribers = new Map<string, number[]>();
  const chats = new Map<number, Chat | undefined>();
  const items: OutboxItem[] = [];
  const queued = new Set<string>();
  for (const a of articles) {
    let ids = subscribers.get(a.category);
    if (!ids) {
      ids = await deps.chats.subscribers(a.category);
      subscribers.set(a.category, ids);
    }
    const key = articleKey(a);
    for (const id of ids) {
      if (queued.has(`${id} ${key}`)) continue;
      if (!chats.has(id)) chats.set(id, await deps.chats.get(id));
      const chat = chats.get(id);
      if (!chat?.active || chat.mode !== 'instant') continue;
      if (!subscribedBefore(chat, a)) continue;
      queued.add(`${id} ${key}`);
      items.push({
        chatId: id,
        key,
        kind: 'article',
        payload: { story: a.storyKey, seq: a.seq },
        publishedAt: a.publishedAt,
      });
    }
  }
  return items.length ? deps.outbox.enqueue(items, deps.now()) : 0;
}
