/**
 * Every namespaced key in the key-value store, in one file: a new key must not collide with an
 * old one, and a renamed key silently loses its state on upgrade, so none of these may change.
 */

/** keyv's prefix for every key below */
export const KV_NAMESPACE = 'kx';

/** the finews reader's state (last success, retries, announcedThrough) */
export const POLL_STATE_KEY = 'poll:state';
/** the finews site's health watch (quiet streaks, parse failures, the alert in force) */
export const SOURCE_HEALTH_KEY = 'ops:source-health';
/** one feed's health watch, same shape as the site's */
export const feedHealthKey = (feedId: string): string => `ops:source-health:feed:${feedId}`;
/** one chat's settings and subscriptions */
export const chatKey = (id: number): string => `chat:${id}`;
/** a forum topic's own chat id (see ChatStore.topicId) */
export const topicKey = (chatId: number, threadId: number): string => `topic:${chatId}:${threadId}`;
/** the last topic number handed out */
export const TOPICS_NEXT_KEY = 'topics:next';
/** every chat the bot knows */
export const CHATS_ALL_KEY = 'chats:all';
/** the chats the bot can't reach (blocked, removed): fan-out skips them */
export const CHATS_INACTIVE_KEY = 'chats:inactive';
/** the chats subscribed to one category */
export const subsKey = (slug: string): string => `subs:${slug}`;
/** the chats a user managed lately, so the Mini App can list them (a hint, checked again) */
export const managersKey = (userId: number): string => `managers:${userId}`;
/** a search kept for its ‹ › paging buttons */
export const searchSessionKey = (id: string): string => `search:${id}`;
/** set while a group has just been shown one article's full text */
export const readShownKey = (chatId: number, seq: number): string => `read-shown:${chatId}:${seq}`;
