import type { StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';
import { type CompiledFilter, compileFilter, evaluateFilter, type FilterSpec } from '../match/filter.ts';

/** The words of a post that watchlists and filters are matched against (title and body). */
export const matchText = (a: Pick<StoredArticle, 'title' | 'paragraphs'>): string =>
  `${a.title}\n${a.paragraphs.join('\n')}`;

/**
 * Per-subscription filters, compiled once per filter for a whole batch of articles. Text is
 * normalised once per article and shared by every chat's filter.
 */
export function createFilterCheck(normalize: (text: string) => string) {
  const compiled = new Map<string, CompiledFilter>();
  const texts = new WeakMap<object, string>();
  return (chat: Pick<Chat, 'filters'>, a: StoredArticle): boolean => {
    const spec: FilterSpec | undefined = chat.filters?.[a.category];
    if (!spec || (!spec.include.length && !spec.exclude.length)) return true;
    const key = JSON.stringify(spec);
    let f = compiled.get(key);
    if (!f) {
      f = compileFilter(spec);
      compiled.set(key, f);
    }
    let text = texts.get(a);
    if (text === undefined) {
      text = normalize(matchText(a));
      texts.set(a, text);
    }
    return evaluateFilter(f, text).pass;
  };
}
