import type { SubscribeResult } from '../chats/types.ts';
import type { ServiceDeps } from './settings.ts';

/**
 * Subscribes a chat to slugs; the store enforces MAX_SUBSCRIPTIONS under the chat's lock,
 * so a command and an app tap racing each other still can't pass the cap.
 */
export function subscribe(
  deps: ServiceDeps,
  chatId: number,
  slugs: readonly string[],
): Promise<SubscribeResult> {
  return deps.chats.subscribe(chatId, slugs, deps.now());
}

/** Returns the slugs actually removed. */
export function unsubscribe(
  deps: ServiceDeps,
  chatId: number,
  slugs: readonly string[] | 'all',
): Promise<string[]> {
  return deps.chats.unsubscribe(chatId, slugs);
}

export type ToggleResult =
  | { ok: true; subscribed: boolean }
  | { ok: false; reason: 'unknown-source' | 'over-limit' };

/**
 * One switch of the app: on subscribes a source the registry knows, off removes whatever the
 * chat holds (a slug gone from the registry can still be switched off).
 */
export async function setSubscribed(
  deps: ServiceDeps,
  chatId: number,
  slug: string,
  on: boolean,
): Promise<ToggleResult> {
  if (!on) {
    await unsubscribe(deps, chatId, [slug]);
    return { ok: true, subscribed: false };
  }
  if (!deps.registry.get(slug)) return { ok: false, reason: 'unknown-source' };
  const res = await subscribe(deps, chatId, [slug]);
  if (res.overLimit.length) return { ok: false, reason: 'over-limit' };
  return { ok: true, subscribed: true };
}
