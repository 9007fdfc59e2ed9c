import type { Telegram } from 'telegraf';

/** Telegram's GroupAnonymousBot: messages of anonymous admins come from it, sender_chat = the group. */
export const ANONYMOUS_ADMIN_ID = 1087968824;

/**
 * Chat administrators, fetched with getChatAdministrators and kept briefly so a burst of
 * commands in one group costs one request, while a demotion takes effect within the TTL.
 */
export function createAdminCache(telegram: Telegram, now: () => number, ttlMs = 30_000) {
  const cache = new Map<number, { ids: Set<number>; at: number }>();
  const inflight = new Map<number, Promise<Set<number>>>();

  const load = async (chatId: number): Promise<Set<number>> => {
    const hit = cache.get(chatId);
    if (hit && now() - hit.at < ttlMs) return hit.ids;
    let pending = inflight.get(chatId);
    if (!pending) {
      pending = telegram
        .getChatAdministrators(chatId)
        .then((admins) => new Set(admins.map((a) => a.user.id)))
        .finally(() => inflight.delete(chatId));
      inflight.set(chatId, pending);
    }
    const ids = await pending;
    if (cache.size > 5_000) cache.clear();
    cache.set(chatId, { ids, at: now() });
    return ids;
  };

  return {
    async isAdmin(chatId: number, userId: number): Promise<boolean> {
      try {
        return (await load(chatId)).has(userId);
      } catch {
        // not a group we are in, or Telegram is down: refuse rather than let anyone in
        return false;
      }
    },
    forget(chatId: number): void {
      cache.delete(chatId);
    },
  };
}
