import type Keyv from 'keyv';
import { managersKey } from '../storage/keys.ts';

/**
 * The chats a user managed lately, newest first: Telegram has no call for "the chats this user
 * administers", so the Mini App lists these and checks each again.
 */
export interface ManagerHints {
  list(userId: number): Promise<number[]>;
  /** puts the chat first; the list keeps at most `max` */
  add(userId: number, chatId: number): Promise<void>;
}

/** The hints in the key-value store (SQLite by default). */
export function createKeyvManagerHints(kv: Keyv, max = 100): ManagerHints {
  const list = async (userId: number) => (await kv.get<number[]>(managersKey(userId))) ?? [];
  return {
    list,
    async add(userId, chatId) {
      const ids = await list(userId);
      if (ids.includes(chatId)) return;
      await kv.set(managersKey(userId), [chatId, ...ids].slice(0, max));
    },
  };
}
