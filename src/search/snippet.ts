import { type Normalizer, toOriginalRange } from './normalize.ts';
import type { SearchHit } from './types.ts';

const BEFORE = 30;
const LENGTH = 100;

type Range = [number, number];

/** every occurrence of every term in the normalized text, as original ranges, sorted and merged */
function findMarks(norm: ReturnType<Normalizer['normalizeMapped']>, terms: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const term of terms) {
    if (!term) continue;
    let at = norm.text.indexOf(term);
    while (at >= 0) {
      ranges.push(toOriginalRange(norm, at, at + term.length));
      at = norm.text.indexOf(term, at + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const isLowSurrogate = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/**
 * Plain text around the first match in the body (the original text, not the normalized one)
 * and the ranges of every match inside it. A title-only match gets the body's opening.
 */
export function makeSnippet(
  normalizer: Normalizer,
  title: string,
  body: string,
  terms: readonly string[],
): SearchHit['snippet'] {
  const source = body || title;
  const marks = findMarks(normalizer.normalizeMapped(source), terms);
  const first = marks[0];
  let start = first ? Math.max(0, Math.min(first[0] - BEFORE, source.length - LENGTH)) : 0;
  if (start > 0 && isLowSurrogate(source, start)) start--;
  let end = Math.min(source.length, start + LENGTH);
  if (end < source.length && isLowSurrogate(source, end)) end++;
  if (first && first[1] > end) end = first[1];
  const lead = start > 0 ? '…' : '';
  const tail = end < source.length ? '…' : '';
  const text = lead + source.slice(start, end).replace(/\s/g, ' ') + tail;
  const shift = lead.length - start;
  const inside: Range[] = [];
  for (const [a, b] of marks) {
    if (a >= start && b <= end) inside.push([a + shift, b + shift]);
  }
  return { text, marks: inside };
}
