/**
 * Tokens of the short-query path (1-2 character terms). The FTS5 trigram tokenizer cannot
 * answer terms shorter than three characters, so each article also gets the set of its
 * character unigrams and bigrams, stored in a detail=none FTS5 table (document lists only).
 *
 * Each code point is written as 4 base-36 digits, so every token is plain ASCII that the
 * `ascii` tokenizer keeps whole and no character of the text can collide with the encoding.
 * Title grams are stored a second time with a `t` prefix so that "in the title" is one lookup.
 */
const BMP = Array.from({ length: 0x10000 }, (_, cp) => cp.toString(36).padStart(4, '0'));
const encodeCp = (cp: number): string => BMP[cp] ?? cp.toString(36).padStart(4, '0');

/** the token of one 1-2 character normalized term (no whitespace) */
export function gramToken(term: string): string {
  let out = '';
  for (const ch of term) out += encodeCp(ch.codePointAt(0) ?? 0);
  return out;
}

/** prefixes no base-36 code point can start with (they would need a code point above U+10FFFF) */
export const titleToken = (token: string): string => `t${token}`;
export const categoryToken = (slug: string): string => `x${gramToken(slug)}`;
/** in the trigram table's meta column: control characters never survive normalization */
export const categoryMeta = (slug: string): string => `\u0001${slug}\u0001`;

const PAIR = 0x110000;

/** unigrams as code points, bigrams as cp1 * 0x110000 + cp2 (below 2^41: exact as numbers) */
function addGrams(text: string, into: Set<number>): void {
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      cp = text.codePointAt(i) ?? cp;
      i++;
    }
    if (cp === 0x20) {
      prev = -1;
      continue;
    }
    into.add(cp);
    if (prev >= 0) into.add(prev * PAIR + cp);
    prev = cp;
  }
}

const tokenOf = (gram: number): string =>
  gram < PAIR ? encodeCp(gram) : encodeCp(Math.floor(gram / PAIR)) + encodeCp(gram % PAIR);

/** the gram document of one story: grams of titles and bodies, the titles' own, categories */
export function gramDocument(normTitle: string, normBody: string, categories: readonly string[]): string {
  const titleGrams = new Set<number>();
  addGrams(normTitle, titleGrams);
  const grams = new Set<number>(titleGrams);
  addGrams(normBody, grams);
  const tokens: string[] = [];
  for (const g of grams) tokens.push(tokenOf(g));
  for (const g of titleGrams) tokens.push(`t${tokenOf(g)}`);
  for (const c of categories) tokens.push(categoryToken(c));
  return tokens.join(' ');
}

/** an FTS5 phrase for any literal (double quotes doubled) */
export const ftsPhrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;
