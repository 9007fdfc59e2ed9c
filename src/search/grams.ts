/**
 * Tokens of the short-query path (1-2 character terms). The FTS5 trigram tokenizer cannot
 * answer terms shorter than three characters, so each article also gets the set of its
 * character unigrams and bigrams, stored in a detail=none FTS5 table (document lists only).
 *
 * Each code point is written as 4 base-36 digits, so every token is plain ASCII that the
 * `ascii` tokenizer keeps whole and no character of the text can collide with the encoding.
 * Title grams are stored a second time with a `t` prefix so that "in the title" is one lookup.
 */
const encodeCp = (cp: number): string => cp.toString(36).padStart(4, '0');

/** the token of one 1-2 character normalized term (no whitespace) */
export function gramToken(term: string): string {
  let out = '';
  for (const ch of term) out += encodeCp(ch.codePointAt(0) ?? 0);
  return out;
}

export const titleToken = (token: string): string => `t${token}`;

function addGrams(text: string, into: Set<string>, prefix: string): void {
  let prev = '';
  for (const ch of text) {
    if (ch === ' ') {
      prev = '';
      continue;
    }
    const cur = encodeCp(ch.codePointAt(0) ?? 0);
    into.add(prefix + cur);
    if (prev) into.add(prefix + prev + cur);
    prev = cur;
  }
}

/** the gram document of one article: grams of title and body, plus the title's own grams */
export function gramDocument(normTitle: string, normBody: string): string {
  const tokens = new Set<string>();
  addGrams(normTitle, tokens, '');
  addGrams(normBody, tokens, '');
  addGrams(normTitle, tokens, 't');
  return Array.from(tokens).join(' ');
}

/** an FTS5 phrase for any literal (double quotes doubled) */
export const ftsPhrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;
