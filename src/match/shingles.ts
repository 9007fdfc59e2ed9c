/**
 * Character n-gram shingles of normalised news text, hashed to 32 bits. Only letters and
 * digits count: wires reword punctuation and spacing freely, and a dateline such as
 * "财联社3月2日电，" says who wrote the copy, not what happened, so it is cut first.
 */

const DATELINE =
  /^(?:【[^】]{0,60}】)?[\p{Script=Han}a-z0-9 ]{0,12}?(?:\d{1,2}月\d{1,2}日)?(?:电|讯|消息)[，,:： ]/u;

export function stripDateline(lead: string): string {
  return lead.replace(DATELINE, '');
}

const CONTENT = /[\p{L}\p{N}]/u;
const contentCache = new Uint8Array(0x10000); // 0 unknown, 1 content, 2 skip

/** the letters and digits of a normalised text, as UTF-16 code units */
export function contentUnits(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let kind = contentCache[c]!;
    if (kind === 0) {
      // surrogates pass as content: their pair is one character of some script
      kind = (c >= 0xd800 && c <= 0xdfff) || CONTENT.test(String.fromCharCode(c)) ? 1 : 2;
      contentCache[c] = kind;
    }
    if (kind === 1) out[n++] = c;
  }
  return out.subarray(0, n);
}

/** murmur3's finaliser: spreads every input bit over the output */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** distinct hashed n-grams (a shorter text gives its whole self as one shingle) */
export function shingleHashes(units: Uint16Array, n: number): Uint32Array {
  const seen = new Set<number>();
  const last = Math.max(0, units.length - n);
  for (let i = 0; i <= last && i < units.length; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + n && k < units.length; k++) h = Math.imul(h ^ units[k]!, 0x01000193);
    seen.add(fmix32(h));
  }
  return Uint32Array.from(seen);
}

/** numbers as written ("0.52", "862"): different numbers mean different news */
export function numberTokens(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}
