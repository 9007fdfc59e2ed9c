import type { Jieba } from '@node-rs/jieba';

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

/** A sentence as sorted term ids with L2-normalized TF-IDF weights: cosine is a linear merge. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface Vectorized {
  vectors: SparseVector[];
  /** term → id, for looking up other text (the title) in the same space */
  dictionary: ReadonlyMap<string, number>;
}

/** TF-IDF with the sentences of the article as the documents. */
export function vectorize(termLists: readonly (readonly string[])[]): Vectorized {
  const dictionary = new Map<string, number>();
  const counts = termLists.map((terms) => {
    const tf = new Map<number, number>();
    for (const t of terms) {
      let id = dictionary.get(t);
      if (id === undefined) {
        id = dictionary.size;
        dictionary.set(t, id);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Float64Array(dictionary.size);
  for (const tf of counts) for (const id of tf.keys()) df[id]!++;
  const n = termLists.length;
  const vectors = counts.map((tf) => {
    const ids = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const x = (1 + Math.log(tf.get(id)!)) * Math.log(1 + n / df[id]!);
      weights[k] = x;
      norm += x * x;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { ids, weights };
  });
  return { vectors, dictionary };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** All pairwise cosines, computed once and shared by centrality and redundancy. */
export function similarityMatrix(vectors: readonly SparseVector[]): Float64Array {
  const n = vectors.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vectors[i]!, vectors[j]!);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}

/** Share of the title's distinct terms that the sentence contains (unweighted recall). */
export function titleOverlap(titleIds: readonly number[], sentence: SparseVector): number {
  if (titleIds.length === 0) return 0;
  let hit = 0;
  for (const id of titleIds) {
    let lo = 0;
    let hi = sentence.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = sentence.ids[mid]!;
      if (v === id) {
        hit++;
        break;
      }
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return hit / titleIds.length;
}
