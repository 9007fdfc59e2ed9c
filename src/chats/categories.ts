import type { CategoryInfo } from '../articles/types.ts';
import {
  type CategoryMatch,
  categorySuggestions,
  findCategory,
  isSlugLike,
  type Resolution,
  type ResolveDeps,
  resolveCategory,
  SCORE,
  searchCategories,
} from './resolve.ts';

/**
 * The one way commands, the Mini App and the flows turn what a user typed into a category and
 * a category into words: find, suggest, label. The ranking itself lives in resolve.ts.
 */
export interface Categories {
  /** categories ranked for a query (slug, 中文名, pinyin, initials, prefix, typos) */
  find(query: string, limit: number): CategoryMatch[];
  /** the best match, if any */
  best(query: string): CategoryMatch | undefined;
  /** from the registry only: an exact slug, or the single best exact name/pinyin match */
  lookup(word: string): string | null;
  /** one of `slugs` (a chat's subscriptions) the word names exactly: slug, name or pinyin */
  among(word: string, slugs: readonly string[]): string | undefined;
  /** one word → one slug or suggestions; may ask the site whether an unseen slug exists */
  resolve(word: string, opts?: { verify?: boolean }): Promise<Resolution>;
  /** `四川日报 (sichuanribao)` lines to offer for a word that named nothing */
  suggest(word: string): string[];
  /** `四川日报 (sichuanribao)` when the name is known, else the slug */
  label(slug: string): string;
  /** could this word be a slug the site has and we have not seen? */
  isSlugLike(word: string): boolean;
}

/** an exact slug, name or pinyin: what counts as naming a category rather than hinting at it */
export const NAMED = SCORE.pinyin;
/** an exact slug or name: pinyin alone may also be a wire's alias */
export const NAMED_EXACTLY = SCORE.name;

/** A source's short name as shown: its name, else its tag without 新闻, else the slug. */
export function displayName(info: Pick<CategoryInfo, 'slug' | 'source' | 'tag'>): string {
  return info.source || info.tag.replace(/新闻$/, '') || info.slug;
}

export function createCategories(deps: ResolveDeps): Categories {
  const { registry } = deps;
  const find = (query: string, limit: number) => searchCategories(registry, query, limit);
  return {
    find,
    best: (query) => find(query, 1)[0],
    lookup: (word) => findCategory(registry, word),
    among: (word, slugs) =>
      slugs.find((s) => s.toLowerCase() === word.toLowerCase()) ??
      find(word, 20).find((c) => c.score >= NAMED && slugs.includes(c.info.slug))?.info.slug,
    resolve: (word, opts) => resolveCategory(deps, word, opts),
    suggest: (word) => categorySuggestions(registry, word),
    label(slug) {
      const info = registry.get(slug);
      const name = info ? displayName({ ...info, slug: '' }) : '';
      return name && name !== slug ? `${name} (${slug})` : slug;
    },
    isSlugLike,
  };
}
