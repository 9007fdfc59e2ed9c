import type { StoredArticle } from '../articles/types.ts';
import type { Chat, ChatStore } from '../chats/types.ts';
import { articleKey } from './fanout-key.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import type { ArticlePayload } from './outbox-types.ts';
import { createFilterCheck, matchText } from './route.ts';
import type { StoryRouter } from './stories.ts';
import { subscribedBefore } from './subscribed.ts';
import type { OutboxItem } from './types.ts';
import type { Watchlists } from './watchlists.ts';

export interface FanoutDeps {
  chats: ChatStore;
  outbox: AsyncOutbox;
  now: () => number;
  /** absent: no watchlists (unit tests of plain fan-out) */
  watchlists?: Pick<Watchlists, 'hits'> | undefined;
  /** the search normaliser, for filters; absent: filters are not applied */
  normalize?: ((text: string) => string) | undefined;
  /** one story across sources (near-duplicates); absent: twins by story key only */
  stories?: StoryRouter | undefined;
}

export { articleKey };

/** `urgent` is set by the wire sources; archives from before it have none. */
const isUrgent = (a: StoredArticle) => (a as { urgent?: unknown }).urgent === true;

/**
 * Who gets which new article, written to the outbox in one transaction. One row per chat and
 * story (twins share the key, so a second copy is ignored), whichever way it reached the chat:
 * - a watchlist hit (any source, subscribed or not) is pushed marked 🔔;
 * - an urgent item from a subscribed source is pushed marked 🔴, even in digest mode;
 * - otherwise instant-mode chats get a push, digest-mode chats nothing (their digest reads the
 *   archive by cursor).
 * Both break-throughs are skipped for a chat that turned them off (then a watch hit is an
 * ordinary push in instant mode). Subscriptions count only for articles stored after the chat
 * subscribed, and only when the subscription's filter passes.
 */
export async function fanOut(deps: FanoutDeps, articles: readonly StoredArticle[]): Promise<number> {
  const subscribers = new Map<string, number[]>();
  const chats = new Map<number, Chat | undefined>();
  const chatOf = async (id: number) => {
    if (!chats.has(id)) chats.set(id, await deps.chats.get(id));
    return chats.get(id);
  };
  const passes = deps.normalize ? createFilterCheck(deps.normalize) : () => true;
  const items: OutboxItem[] = [];
  const queued = new Set<string>();
  const edits = new Map<string, ArticlePayload>();
  let story: ReturnType<StoryRouter['route']> = { key: '', isCopy: false, sources: [] };
  const push = async (id: number, a: StoredArticle, extra: Partial<ArticlePayload> = {}) => {
    const { key } = story;
    const base = { story: a.storyKey, seq: a.seq };
    const also = story.sources.slice(0, 10);
    // copies in one batch share one edit, naming every source so far
    const pendingEdit = edits.get(`${id} ${key}`);
    if (pendingEdit) pendingEdit.also = also;
    if (queued.has(`${id} ${key}`)) return;
    queued.add(`${id} ${key}`);
    // a later copy of a story the chat has (or is about to get): edit that message, never a second
    if (story.isCopy && (await deps.outbox.has(id, key))) {
      const edit = { ...base, edit: key, also } satisfies ArticlePayload;
      edits.set(`${id} ${key}`, edit);
      items.push({ chatId: id, key: `e:${a.seq}:${key}`, kind: 'article', payload: edit });
      return;
    }
    const payload = { ...base, ...extra } satisfies ArticlePayload;
    items.push({ chatId: id, key, kind: 'article', payload, publishedAt: a.publishedAt });
  };
  for (const a of articles) {
    story = deps.stories?.route(a) ?? { key: articleKey(a), isCopy: false, sources: [] };
    // watch hits first: the same story from a subscription must not take the 🔔 row's key
    for (const hit of deps.watchlists?.hits(matchText(a)) ?? []) {
      const chat = await chatOf(hit.chatId);
      if (!chat?.active) continue;
      const through = chat.breakThrough !== false;
      if (!through && chat.mode !== 'instant') continue;
      await push(chat.id, a, {
        mark: 'watch',
        terms: [...new Set(hit.terms.map((t) => t.term))].slice(0, 5),
      });
    }
    let ids = subscribers.get(a.category);
    if (!ids) {
      ids = await deps.chats.subscribers(a.category);
      subscribers.set(a.category, ids);
    }
    for (const id of ids) {
      const chat = await chatOf(id);
      if (!chat?.active || !subscribedBefore(chat, a) || !passes(chat, a)) continue;
      if (isUrgent(a) && chat.breakThrough !== false) await push(id, a, { mark: 'urgent' });
      else if (chat.mode === 'instant') await push(id, a);
    }
  }
  return items.length ? deps.outbox.enqueue(items, deps.now()) : 0;
}
