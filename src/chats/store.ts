import type Keyv from 'keyv';
import {
  CHATS_ALL_KEY as ALL,
  chatKey,
  CHATS_INACTIVE_KEY as INACTIVE,
  subsKey,
  TOPICS_NEXT_KEY,
  topicKey,
} from '../storage/keys.ts';
import { KeyedLock } from './lock.ts';
import type { Chat, ChatKind, ChatStore, CriticalSections, SubscribeResult } from './types.ts';

export interface ChatStoreOptions {
  maxSubscriptions: number;
  defaultTz: string;
  /** injectable clock for createdAt */
  now?: () => number;
  /** the archive's last seq (articles.maxSeq): where a new subscription's digests start */
  position?: () => number | Promise<number>;
  /** several instances share the store: their sections must exclude each other */
  lock?: CriticalSections;
}

export const DEFAULT_DIGEST_TIMES = ['08:00', '18:00'];

const SAME = Symbol('same');

/**
 * Topic records get ids below -2^52: Telegram's chat ids have at most 52 significant bits, so
 * these never collide with a real chat, and the outbox's (chat × story) key stays per topic.
 */
const TOPIC_ID_BASE = -(2 ** 52);

/** A chat as the bot first meets it: instant pushes, Chinese, digests at the default times. */
export function newChat(id: number, kind: ChatKind, tz: string, createdAt: number): Chat {
  return {
    id,
    kind,
    title: '',
    lang: 'zh',
    mode: 'instant',
    digestTimes: [...DEFAULT_DIGEST_TIMES],
    tz,
    linkPreview: false,
    showSummary: true,
    active: true,
    subscriptions: {},
    digestCursor: 0,
    lastDigestSlot: '',
    createdAt,
    greeted: false,
  };
}

/**
 * Chats on keyv: `chat:<id>` holds the Chat, `subs:<slug>` the ids subscribed to a slug (all
 * of them, active or not), `chats:all` every id and `chats:inactive` the ids the bot can't reach.
 * Every write goes through `commit`, which brings the indexes in line with the chat's new state
 * under the locks of every key it touches.
 */
export function createChatStore(kv: Keyv, opts: ChatStoreOptions): ChatStore {
  const lock: CriticalSections = opts.lock ?? new KeyedLock();
  const clock = opts.now ?? Date.now;

  const read = async (id: number): Promise<Chat | undefined> => {
    return (await kv.get<Chat>(chatKey(id))) ?? undefined;
  };
  const readIds = async (key: string): Promise<number[]> => (await kv.get<number[]>(key)) ?? [];

  const editIds = (key: string, fn: (ids: Set<number>) => void) =>
    lock.run(key, async () => {
      const ids = new Set(await readIds(key));
      fn(ids);
      if (ids.size === 0) await kv.delete(key);
      else await kv.set(key, [...ids]);
    });

  /**
   * Writes `next` (or deletes the chat when undefined) and keeps every index consistent.
   * Additions go into the indexes before the chat is written and removals after, so a crash
   * in between leaves an index that says too much, never too little: fan-out re-reads the
   * chat, so an extra id costs a read, while a missing one would lose a delivery.
   */
  const commit = async (prev: Chat | undefined, next: Chat | undefined, id: number) => {
    const before = new Set(Object.keys(prev?.subscriptions ?? {}));
    const after = new Set(Object.keys(next?.subscriptions ?? {}));
    for (const slug of after) if (!before.has(slug)) await editIds(subsKey(slug), (s) => s.add(id));
    if (!prev && next) await editIds(ALL, (s) => s.add(id));
    if (next) await kv.set(chatKey(id), next);
    else await kv.delete(chatKey(id));
    for (const slug of before) if (!after.has(slug)) await editIds(subsKey(slug), (s) => s.delete(id));
    if (prev && !next) await editIds(ALL, (s) => s.delete(id));
    const wasInactive = prev ? !prev.active : false;
    const isInactive = next ? !next.active : false;
    if (wasInactive !== isInactive) await editIds(INACTIVE, (s) => (isInactive ? s.add(id) : s.delete(id)));
  };

  const defaults = (id: number, kind: ChatKind): Chat => newChat(id, kind, opts.defaultTz, clock());

  /**
   * Read-modify-write of one chat under its lock. `fn` gets a private copy it may change and
   * returns the new state, or SAME when nothing changed (no write at all).
   */
  const mutate = <T>(
    id: number,
    fn: (chat: Chat | undefined) => { next: Chat | undefined | typeof SAME; result: T },
  ) =>
    lock.run(chatKey(id), async () => {
      const prev = await read(id);
      const { next, result } = fn(prev ? structuredClone(prev) : undefined);
      if (next !== SAME) await commit(prev, next, id);
      return result;
    });

  const guessKind = (id: number): ChatKind => (id > 0 ? 'private' : 'supergroup');

  return {
    get: read,

    ensure: (id, init) =>
      mutate(id, (chat) => {
        if (!chat) {
          const created = { ...defaults(id, init.kind), title: init.title ?? '', lang: init.lang ?? 'zh' };
          return { next: created, result: created };
        }
        const titleChanged = init.title !== undefined && init.title !== chat.title;
        const kindChanged = init.kind !== chat.kind;
        if (!titleChanged && !kindChanged) return { next: SAME, result: chat };
        const next = { ...chat, kind: init.kind, title: init.title ?? chat.title };
        return { next, result: next };
      }),

    update: (id, patch) =>
      mutate(id, (chat) => {
        if (!chat) return { next: SAME, result: undefined };
        const next: Chat = { ...chat, ...patch, id };
        return { next, result: next };
      }),

    subscribe: async (id, slugs, now) => {
      // read before the chat's lock: a position a moment early only repeats nothing in a digest
      const at = await opts.position?.();
      return mutate(id, (chat) => {
        const next = chat ?? defaults(id, guessKind(id));
        const res: SubscribeResult = { added: [], already: [], overLimit: [] };
        for (const slug of new Set(slugs)) {
          if (slug in next.subscriptions) res.already.push(slug);
          else if (Object.keys(next.subscriptions).length >= opts.maxSubscriptions) res.overLimit.push(slug);
          else {
            next.subscriptions[slug] = now;
            if (at !== undefined) next.subscribedSeq = { ...next.subscribedSeq, [slug]: at };
            res.added.push(slug);
          }
        }
        return { next: res.added.length || !chat ? next : SAME, result: res };
      });
    },

    unsubscribe: (id, slugs) =>
      mutate(id, (chat) => {
        if (!chat) return { next: SAME, result: [] as string[] };
        const targets = slugs === 'all' ? Object.keys(chat.subscriptions) : [...new Set(slugs)];
        const removed = targets.filter((s) => s in chat.subscriptions);
        for (const s of removed) {
          delete chat.subscriptions[s];
          if (chat.subscribedSeq) delete chat.subscribedSeq[s];
          if (chat.filters) delete chat.filters[s];
        }
        return { next: removed.length ? chat : SAME, result: removed };
      }),

    async subscribers(slug) {
      const [ids, inactive] = await Promise.all([readIds(subsKey(slug)), readIds(INACTIVE)]);
      if (!inactive.length) return ids;
      const off = new Set(inactive);
      return ids.filter((id) => !off.has(id));
    },

    setActive: (id, active) =>
      mutate(id, (chat) => {
        if (!chat || chat.active === active) return { next: SAME, result: undefined };
        return { next: { ...chat, active }, result: undefined };
      }),

    migrate: (fromId, toId) =>
      lock.runMany([chatKey(fromId), chatKey(toId)], async () => {
        if (fromId === toId) return;
        const from = await read(fromId);
        if (!from) return;
        const to = await read(toId);
        // the new supergroup may already have spoken to us; the old group's state wins,
        // merged with anything the new id already holds
        const merged: Chat = {
          ...from,
          id: toId,
          kind: 'supergroup',
          title: to?.title || from.title,
          active: true,
          subscriptions: { ...(to?.subscriptions ?? {}), ...from.subscriptions },
          subscribedSeq: { ...(to?.subscribedSeq ?? {}), ...from.subscribedSeq },
          greeted: from.greeted || (to?.greeted ?? false),
        };
        await commit(to, merged, toId);
        await commit(from, undefined, fromId);
      }),

    allIds: () => readIds(ALL),

    topicId: (chatId, threadId) =>
      lock.run(TOPICS_NEXT_KEY, async () => {
        const known = await kv.get<number>(topicKey(chatId, threadId));
        if (known !== undefined) return known;
        const n = ((await kv.get<number>(TOPICS_NEXT_KEY)) ?? 0) + 1;
        await kv.set(TOPICS_NEXT_KEY, n);
        const id = TOPIC_ID_BASE - n;
        await kv.set(topicKey(chatId, threadId), id);
        return id;
      }),

    async stats() {
      let chats = 0;
      let active = 0;
      let subscriptions = 0;
      for (const id of await readIds(ALL)) {
        const chat = await kv.get<Chat>(chatKey(id));
        if (!chat) continue;
        chats++;
        if (chat.active) active++;
        subscriptions += Object.keys(chat.subscriptions).length;
      }
      return { chats, active, subscriptions };
    },
  };
}
