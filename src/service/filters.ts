import type { Chat } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import { checkTerm, type TermProblem } from '../match/matcher.ts';

/** the most +/− words one subscription's filter may hold, for /filter and the app alike */
export const MAX_FILTER_WORDS = 20;

export type SubscriptionFilter = { include: string[]; exclude: string[] };

export type FilterCheck =
  | { ok: true; filter: SubscriptionFilter }
  | { ok: false; reason: 'too-many' }
  | { ok: false; reason: TermProblem; word: string };

/**
 * Include and exclude words → the stored filter (normalised, deduplicated), with the same term
 * check as watch terms, so a word /filter refuses the app refuses too.
 */
export function checkFilter(
  deps: Pick<Deps, 'normalizer'>,
  include: readonly string[],
  exclude: readonly string[],
): FilterCheck {
  if (include.length + exclude.length > MAX_FILTER_WORDS) return { ok: false, reason: 'too-many' };
  const filter: SubscriptionFilter = { include: [], exclude: [] };
  for (const [words, list] of [
    [include, filter.include],
    [exclude, filter.exclude],
  ] as const) {
    for (const w of words) {
      const checked = checkTerm(w, deps.normalizer);
      if (!checked.ok) return { ok: false, reason: checked.reason, word: w };
      if (!list.includes(checked.term)) list.push(checked.term);
    }
  }
  return { ok: true, filter };
}

/** Sets (or, with null, removes) one subscription's filter; the chat must hold the slug. */
export async function setFilter(
  deps: Pick<Deps, 'chats'>,
  chat: Chat,
  slug: string,
  filter: SubscriptionFilter | null,
): Promise<Chat> {
  const filters = { ...chat.filters };
  if (filter) filters[slug] = filter;
  else delete filters[slug];
  return (await deps.chats.update(chat.id, { filters })) ?? chat;
}
