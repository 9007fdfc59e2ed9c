import * as OpenCC from 'opencc-js';

/**
 * One normalization for the index and for queries: NFKC (full-width → half-width), lowercase,
 * Traditional → Simplified, whitespace runs collapsed to one space, trimmed.
 *
 * It works cluster by cluster (a code point plus its combining marks), never on phrases: the
 * result of a substring is then a substring of the result (norm(a+b) = norm(a)+norm(b) up to
 * whitespace), which is what exact substring search needs, and every normalized unit keeps the
 * range of the original text it came from, so snippets can show the original with the match
 * bolded even where NFKC changed lengths (㍿ → 株式会社, ｶﾞ → ガ).
 */
export interface Normalizer {
  normalize(text: string): string;
  /** the normalized text plus, per UTF-16 unit of it, the original range it came from */
  normalizeMapped(text: string): MappedText;
}

export interface MappedText {
  text: string;
  start: Int32Array;
  end: Int32Array;
}

/** original [start, end) covering the normalized range [from, to) */
export function toOriginalRange(m: MappedText, from: number, to: number): [number, number] {
  return [m.start[from] ?? 0, m.end[Math.max(from, to - 1)] ?? 0];
}

const CACHE_LIMIT = 100_000;
const WHITESPACE = /^[\s\u0000-\u001f\u007f]+$/;
/** invisible characters vanish rather than split a word */
const INVISIBLE = /^[\u00ad\u200b-\u200f\u2060\ufeff]+$/;
const MARK = /^\p{M}$/u;

/**
 * Builds the converter once (the dictionary trie takes some milliseconds); keep one per process
 * and pass it where needed. The 'hk' table is used because, applied per character, it keeps
 * Simplified characters that are also valid as such (著) while converting 衞, 裡, 臺 and the like.
 */
export function createNormalizer(): Normalizer {
  const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const cache = new Map<string, string>();
  const markCache = new Map<number, boolean>();

  const isMark = (cp: number): boolean => {
    if (cp < 0x300) return false;
    if (cp === 0xff9e || cp === 0xff9f) return true; // half-width kana voicing marks: ｶﾞ → ガ
    if (cp >= 0x3400 && cp <= 0x9fff) return false; // CJK ideographs: the common case
    let v = markCache.get(cp);
    if (v === undefined) {
      v = MARK.test(String.fromCodePoint(cp));
      markCache.set(cp, v);
    }
    return v;
  };

  const mapCluster = (cluster: string): string => {
    const cached = cache.get(cluster);
    if (cached !== undefined) return cached;
    const folded = cluster.normalize('NFKC').toLowerCase();
    const out: string = INVISIBLE.test(folded)
      ? ''
      : WHITESPACE.test(folded)
        ? ' '
        : toSimplified(folded).normalize('NFKC').toLowerCase();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cluster, out);
    return out;
  };

  // Fast path: BMP characters that normalize to themselves (most CJK, lowercase ASCII, digits)
  // are copied in runs; kinds holds 0 = not yet known, 1 = itself, 2 = needs the cluster path.
  const kinds = new Uint8Array(0x10000);
  const kindOf = (c: number): number => {
    const known = kinds[c] ?? 2;
    if (known !== 0) return known;
    const ch = String.fromCharCode(c);
    const self = !(c >= 0xd800 && c <= 0xdfff) && !isMark(c) && ch !== ' ' && mapCluster(ch) === ch;
    kinds[c] = self ? 1 : 2;
    return kinds[c];
  };

  /**
   * Calls emit(piece, originalStart, originalEnd, oneToOne) per run of unchanged characters
   * (oneToOne) or per cluster, whitespace collapsed to single spaces and trimmed.
   */
  const walk = (
    text: string,
    emit: (piece: string, from: number, to: number, oneToOne: boolean) => void,
  ): void => {
    let i = 0;
    let pendingSpace = false;
    let started = false;
    let spaceFrom = 0;
    const flushSpace = (at: number) => {
      if (pendingSpace && started) emit(' ', spaceFrom, at, false);
      pendingSpace = false;
      started = true;
    };
    while (i < text.length) {
      if (kindOf(text.charCodeAt(i)) === 1) {
        let j = i + 1;
        while (j < text.length && kindOf(text.charCodeAt(j)) === 1) j++;
        // the run's last character belongs to a cluster when a combining mark follows it
        const end = j < text.length && isMark(text.codePointAt(j) ?? 0) ? j - 1 : j;
        if (end > i) {
          flushSpace(i);
          emit(text.slice(i, end), i, end, true);
          i = end;
          continue;
        }
      }
      const from = i;
      const cp = text.codePointAt(i) ?? 0;
      i += cp > 0xffff ? 2 : 1;
      while (i < text.length) {
        const next = text.codePointAt(i) ?? 0;
        if (!isMark(next)) break;
        i += next > 0xffff ? 2 : 1;
      }
      const piece = mapCluster(text.slice(from, i));
      if (piece === ' ') {
        if (!pendingSpace) spaceFrom = from;
        pendingSpace = true;
        continue;
      }
      if (piece === '') continue;
      flushSpace(from);
      emit(piece, from, i, false);
    }
  };

  return {
    normalize(text) {
      const parts: string[] = [];
      walk(text, (piece) => {
        parts.push(piece);
      });
      return parts.join('');
    },
    normalizeMapped(text) {
      const parts: string[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      walk(text, (piece, from, to, oneToOne) => {
        parts.push(piece);
        for (let k = 0; k < piece.length; k++) {
          starts.push(oneToOne ? from + k : from);
          ends.push(oneToOne ? from + k + 1 : to);
        }
      });
      return { text: parts.join(''), start: Int32Array.from(starts), end: Int32Array.from(ends) };
    },
  };
}

/** code points, so that "1-2 character query" means what a reader counts */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
