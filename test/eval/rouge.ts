/**
 * ROUGE as issue 3 defines it: NFKC, lowercase, punctuation and whitespace dropped; each Han
 * character one token, each run of ASCII letters one token, each number with its decimal point
 * and a trailing % one token. (Letters of other scripts count one token per character.)
 * ROUGE-1/2 are clipped n-gram F1, ROUGE-L is the LCS over the whole summary; all F1 in [0, 1].
 */
const TOKEN = /\d+(?:\.\d+)?%?|[a-z]+|\p{Script=Han}|\p{L}/gu;

export function rougeTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = x === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return prev[b.length]!;
}

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return {
    rouge1: rougeN(c, r, 1),
    rouge2: rougeN(c, r, 2),
    rougeL: f1(lcsLength(c, r), c.length, r.length),
  };
}

/** Macro average: the mean of the per-pair F1 scores. */
export function macroRouge(pairs: ReadonlyArray<{ candidate: string; reference: string }>): RougeScores {
  const sum = { rouge1: 0, rouge2: 0, rougeL: 0 };
  for (const { candidate, reference } of pairs) {
    const s = rouge(candidate, reference);
    sum.rouge1 += s.rouge1;
    sum.rouge2 += s.rouge2;
    sum.rougeL += s.rougeL;
  }
  const n = Math.max(1, pairs.length);
  return { rouge1: sum.rouge1 / n, rouge2: sum.rouge2 / n, rougeL: sum.rougeL / n };
}
