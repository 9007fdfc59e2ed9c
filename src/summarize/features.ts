import type { Jieba } from '@node-rs/jieba';

/** Sparse term-frequency vector of one sentence. */
export type TermVector = Map<string, number>;

/** Turns a sentence into the terms similarity is measured on. */
export interface Featurizer {
  readonly name: string;
  terms(text: string): string[];
}

const UNIT = /\d+(?:\.\d+)?%?|[a-z]+|\p{Script=Han}|\p{L}/gu;

function units(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(UNIT) ?? [];
}

/**
 * Character bigrams of Han text plus whole ASCII words and numbers: no dictionary, no
 * segmentation errors, and a bigram such as 保费 or 国寿 already carries most of a word.
 */
export function createBigramFeaturizer(): Featurizer {
  return {
    name: 'bigram',
    terms(text) {
      const u = units(text);
      const out: string[] = [];
      for (let i = 0; i < u.length; i++) {
        const a = u[i]!;
        if (a.length > 1 || /[a-z0-9]/.test(a)) out.push(a);
        const b = u[i + 1];
        if (b !== undefined) out.push(`${a}${b}`);
      }
      return out;
    },
  };
}

/** jieba words (HMM off: deterministic, faster), single Han characters dropped as function words. */
export function createJiebaFeaturizer(jieba: Jieba): Featurizer {
  return {
    name: 'jieba',
    terms(text) {
      const out: string[] = [];
      for (const word of jieba.cut(text.normalize('NFKC').toLowerCase(), false)) {
        const w = word.trim();
        if (!w || !/[\p{L}\p{N}]/u.test(w)) continue;
        if (w.length === 1 && /\p{Script=Han}/u.test(w)) continue;
        out.push(w);
      }
      return out;
    },
  };
}

export function termVector(terms: readonly string[]): TermVector {
  const v: TermVector = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

/** Weights each term by its inverse sentence frequency within the article, then L2-normalizes. */
export function weightVectors(vectors: readonly TermVector[]): TermVector[] {
  const df = new Map<string, number>();
  for (const v of vectors) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = vectors.length;
  return vectors.map((v) => {
    const w: TermVector = new Map();
    let norm = 0;
    for (const [t, tf] of v) {
      const x = (1 + Math.log(tf)) * Math.log(1 + n / (df.get(t) ?? 1));
      w.set(t, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of w) w.set(t, x / norm);
    return w;
  });
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

/** Share of the title's distinct terms that the sentence contains (unweighted recall). */
export function titleOverlap(title: ReadonlySet<string>, sentence: TermVector): number {
  if (title.size === 0) return 0;
  let hit = 0;
  for (const t of title) if (sentence.has(t)) hit++;
  return hit / title.size;
}
