import type { CategoryRegistry } from '../articles/types.ts';
import { categorySuggestions, findCategory } from '../chats/resolve.ts';
import { MAX_TERMS } from './index.ts';

/** what /search reads of its arguments; the rest of a long message is ignored */
const MAX_QUERY_CHARS = 100;
const MAX_TERM_CHARS = 40;
const HOUR = 3_600_000;
const MAX_WINDOW_DAYS = 3650;

export type ParsedSearch =
  | { kind: 'usage' }
  | { kind: 'unknown-category'; word: string; suggestions: string[] }
  | { kind: 'bad-time'; word: string }
  | {
      kind: 'query';
      terms: string[];
      categories: string[];
      /** window length in ms (`@7d`), applied against the clock at search time */
      window?: number;
      /** the query as shown back to the user */
      display: string;
      /** more words were given than are used */
      truncated: boolean;
    };

/** `@24h`, `@7d`, `@4w` → ms; null when unreadable */
export function parseWindow(word: string): number | null {
  const m = /^@(\d{1,5})([hdw天周])$/iu.exec(word.normalize('NFKC'));
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const hours = unit === 'h' ? n : unit === 'w' || unit === '周' ? n * 24 * 7 : n * 24;
  if (n === 0 || hours > MAX_WINDOW_DAYS * 24) return null;
  return hours * HOUR;
}

/** `/search` arguments: words (all must appear), `#category` filters, one `@window`. */
export function parseSearch(payload: string, registry: CategoryRegistry): ParsedSearch {
  const text = Array.from(payload.trim()).slice(0, MAX_QUERY_CHARS).join('');
  const words = text.split(/\s+/u).filter(Boolean);
  const terms: string[] = [];
  const categories: string[] = [];
  let window: number | undefined;
  for (const word of words) {
    if (word.startsWith('#') || word.startsWith('＃')) {
      const name = word.slice(1);
      if (!name) continue;
      const slug = findCategory(registry, name);
      if (!slug)
        return { kind: 'unknown-category', word: name, suggestions: categorySuggestions(registry, name) };
      if (!categories.includes(slug)) categories.push(slug);
    } else if (word.startsWith('@') || word.startsWith('＠')) {
      const ms = parseWindow(`@${word.slice(1)}`);
      if (ms === null) return { kind: 'bad-time', word };
      window = ms;
    } else {
      terms.push(Array.from(word).slice(0, MAX_TERM_CHARS).join(''));
    }
  }
  if (terms.length === 0) return { kind: 'usage' };
  return {
    kind: 'query',
    terms: terms.slice(0, MAX_TERMS),
    categories,
    ...(window !== undefined ? { window } : {}),
    display: terms.slice(0, MAX_TERMS).join(' '),
    truncated: terms.length > MAX_TERMS,
  };
}
