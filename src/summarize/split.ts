import { CLOSERS, charLength, OPENERS } from './text.ts';

export interface Sentence {
  text: string;
  /** index of the input paragraph */
  paragraph: number;
  /** index among all sentences */
  index: number;
  /** a short line without sentence-final punctuation: a section heading, not a statement */
  heading: boolean;
}

const FINAL = new Set(['。', '！', '？', '；', '!', '?', ';', '…', '．', '｡']);
const URL = /(?:https?:\/\/|www\.)[^\s“”‘’「」（）《》【】，。！？；、]+/gi;
const ENDS_STATEMENT = /[。！？；!?;…．.”’」』）》】)]$/;

/** Positions of brackets and quotes that have a partner on the same line: only those guard a split. */
function matchedSpans(line: string): Map<number, number> {
  const spans = new Map<number, number>();
  const stack: Array<{ at: number; close: string }> = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const open = OPENERS.indexOf(ch);
    if (open >= 0) stack.push({ at: i, close: CLOSERS[open]! });
    else if (CLOSERS.includes(ch)) {
      const k = stack.findLastIndex((s) => s.close === ch);
      if (k >= 0) {
        spans.set(stack[k]!.at, i);
        stack.length = k;
      }
    }
  }
  return spans;
}

function protectedRanges(line: string): boolean[] {
  const guard = new Array<boolean>(line.length).fill(false);
  for (const m of line.matchAll(URL)) for (let i = m.index; i < m.index + m[0].length; i++) guard[i] = true;
  const spans = matchedSpans(line);
  for (const [from, to] of spans) for (let i = from + 1; i < to; i++) guard[i] = true;
  return guard;
}

function isBoundary(line: string, i: number): boolean {
  const ch = line[i]!;
  const next = line[i + 1];
  if (ch === '.') return next === undefined || /\s/.test(next);
  if (ch === '!' || ch === '?' || ch === ';') return next === undefined || /\s|[^\x00-\x7f]/.test(next);
  return FINAL.has(ch);
}

/** “……。”上述负责人表示。 — a short speech tag after a closing quote belongs to the quote. */
function saidAfter(line: string, from: number): boolean {
  const rest = /^[^。！？；!?;…“”]{1,12}[。！？；!?;…]/.exec(line.slice(from));
  return rest !== null && /(表示|说|称|指出|认为|介绍|坦言|透露|强调|提到|告诉记者|回应|补充)/.test(rest[0]);
}

/** Split one line (no newlines) into sentences; closing quotes and brackets stay with their sentence. */
export function splitLine(line: string): string[] {
  const guard = protectedRanges(line);
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < line.length) {
    const closesQuote =
      CLOSERS.includes(line[i]!) && i > 0 && FINAL.has(line[i - 1]!) && !guard[i] && !saidAfter(line, i + 1);
    if ((!guard[i] && isBoundary(line, i)) || closesQuote) {
      let end = i + 1;
      while (end < line.length && (FINAL.has(line[end]!) || (CLOSERS.includes(line[end]!) && !guard[end])))
        end++;
      out.push(line.slice(start, end));
      start = end;
      i = end;
    } else i++;
  }
  if (start < line.length) out.push(line.slice(start));
  const sentences: string[] = [];
  for (const raw of out) {
    const s = raw.trim();
    if (!s) continue;
    // a trailing （央视新闻客户端） or a stray closer belongs to the sentence before it
    const tail = /^([（(][^（）()。！？]{1,20}[）)]|[”’」』）》】)\]}.。!！?？…]+)$/.test(s);
    if (tail && sentences.length > 0) sentences[sentences.length - 1] += s;
    else sentences.push(s);
  }
  return sentences;
}

/** Sentences of an article; paragraphs and the newlines inside them are hard breaks. */
export function splitSentences(paragraphs: readonly string[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const line of paragraph.split(/\r?\n|\r/)) {
      const parts = splitLine(line.trim());
      const heading = parts.length === 1 && charLength(parts[0]!) <= 40 && !ENDS_STATEMENT.test(parts[0]!);
      for (const text of parts) out.push({ text, paragraph: p, index: out.length, heading });
    }
  });
  return out;
}
