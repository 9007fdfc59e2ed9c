import type { StoredArticle } from '../articles/types.ts';
import { bold, type Html, html, italic, link, packMessages } from './html.ts';
import { shortTime } from './search-format.ts';
import type { Strings } from './strings/index.ts';

export const MAX_READ_MESSAGES = 5;

/**
 * An article's clean text as messages of at most 4096 characters, split between paragraphs:
 * the bold linked title, date (in the reader's zone `tz`) and source, the editor digest (if any) and the paragraphs. When
 * it would take more than five messages, as many paragraphs as fit are kept and the last
 * message ends with how many paragraphs are left and a link to the article.
 */
export function readMessages(article: StoredArticle, s: Strings['search'], now: number, tz: string): Html[] {
  const head = html`${bold(link(article.url, article.title || article.id))}\n${shortTime(article.publishedAt, now, tz)} · ${article.source || article.category}`;
  const lead = article.digest ? [head, italic(article.digest)] : [head];
  const paragraphs = article.paragraphs.map((p) => html`${p}`);
  const pack = (k: number) => {
    const rest = paragraphs.length - k;
    const tail = rest > 0 ? html`${s.readRest(rest)} ${link(article.url, s.readSource)}` : null;
    return packMessages([...lead, ...paragraphs.slice(0, k), ...(tail ? [tail] : [])]);
  };
  const all = pack(paragraphs.length);
  if (all.length <= MAX_READ_MESSAGES) return all;
  // messages grow with the paragraphs kept: binary search for the most that still fit
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pack(mid).length <= MAX_READ_MESSAGES) lo = mid;
    else hi = mid - 1;
  }
  return pack(lo).slice(0, MAX_READ_MESSAGES);
}
