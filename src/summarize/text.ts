/** Length as a reader counts it: code points, so 𠮷 or an emoji is one character. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Chinese sentences join without a space; two ASCII ends get one. */
export function joinSentences(sentences: readonly string[]): string {
  let out = '';
  for (const s of sentences) {
    if (out && /[A-Za-z0-9.!?;:,%)"']$/.test(out) && /^[A-Za-z0-9("']/.test(s)) out += ' ';
    out += s;
  }
  return out;
}

/** Numbers as written (12,396 · 3.7% · 1116.9%-1232.73% gives two), for fact scoring and faithfulness checks. */
export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)*%?/g) ?? [];
}

export const OPENERS = '“‘「『（《【([{';
export const CLOSERS = '”’」』）》】)]}';

/** True when every bracket and curly quote closes in order and ASCII double quotes pair up. */
export function isBalanced(text: string): boolean {
  const stack: string[] = [];
  let ascii = 0;
  // list markers such as 1) 2) a) close nothing
  for (const ch of text.replace(/(^|[^\d.A-Za-z])[\dA-Za-z][)）]/g, '$1')) {
    const open = OPENERS.indexOf(ch);
    if (open >= 0) stack.push(CLOSERS[open]!);
    else if (CLOSERS.includes(ch)) {
      if (stack.pop() !== ch) return false;
    } else if (ch === '"') ascii++;
  }
  return stack.length === 0 && ascii % 2 === 0;
}
