import { type SparseVector, titleOverlap } from './features.ts';
import type { Sentence } from './split.ts';
import { charLength } from './text.ts';

export interface ScoreWeights {
  position: number;
  /** how fast the position prior decays: prior = 1 / (1 + decay * rank) */
  decay: number;
  title: number;
  centrality: number;
  facts: number;
  /** a sentence that says when: 5月24日, 今日, 当地时间21日 (the who-what-when of news) */
  event: number;
  /** subtracted from slogans, exclamations, questions and headings */
  penalty: number;
}

/** Tuned on the digest pairs at budget 80/120/160 (bench/summary.ts); see BENCHMARKS.md. */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  position: 1,
  decay: 0.35,
  title: 0.3,
  centrality: 0.6,
  facts: 0.6,
  event: 0.4,
  penalty: 1,
};

/** TextRank over the cosine graph (power iteration), scaled so the most central sentence is 1. */
export function centrality(sim: Float64Array, n: number, iterations = 30, damping = 0.85): number[] {
  if (n === 0) return [];
  const rowSum = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rowSum[i]! += sim[i * n + j]!;
  let rank = new Float64Array(n).fill(1 / n);
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n).fill((1 - damping) / n);
    for (let j = 0; j < n; j++) {
      if (rowSum[j] === 0) continue;
      const share = (damping * rank[j]!) / rowSum[j]!;
      for (let i = 0; i < n; i++) next[i]! += share * sim[j * n + i]!;
    }
    rank = next;
  }
  const max = Math.max(...rank);
  return Array.from(rank, (r) => (max > 0 ? r / max : 0));
}

/** Quantities that carry facts: amounts, shares, counts; dates and years are not facts. */
function factCount(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    // model names (HFO-1234yf, ET7) and stock codes are identifiers, not quantities
    if (/[A-Za-z-]/.test(before) || /[A-Za-z]/.test(after) || /^\d{6}$/.test(m[0])) continue;
    if (/[年月日时号]/.test(after) || /^(19|20)\d\d$/.test(m[0])) continue;
    n++;
  }
  return n;
}

const WHEN =
  /\d{1,2}月\d{1,2}日|\d{1,2}日(?!元)|今日|今天|昨日|昨天|日前|近日|当地时间|晚间|早间|盘中|截至收盘|收盘/;

/** Opens by pointing back (这, 此外, 其中…): it reads well only after the sentence before it. */
export function dependsOnPrevious(text: string): boolean {
  return /^(据悉，|同时，|另外，)?(这|此外|此前|其中|因此|对此|不过|但|而|同时|另外|另一方面|与此同时|对于此|上述)/.test(
    text,
  );
}

/** A slogan, an exclamatory or rhetorical opening, or a heading says little on its own. */
function penaltyOf(s: Sentence, rank: number): number {
  if (s.heading) return 2;
  const len = charLength(s.text);
  const core = s.text.replace(/[”’」』）》】)\]]+$/, '');
  let p = 0;
  if (len < 8) p += 1;
  // chart notes and captions left in the text (注：…, 图：…, 数据来源：…)
  if (/^(注|图|表|数据来源|资料来源|来源|图片来源)[:：]/.test(s.text)) p += 1;
  if (len < 20 && !/\d/.test(s.text)) p += 0.5;
  if (/[？?]$/.test(core)) p += 1;
  else if (/[！!]$/.test(core)) p += rank < 2 && len <= 40 ? 0.8 : 0.4;
  return p;
}

export function scoreSentences(
  sentences: readonly Sentence[],
  vectors: readonly SparseVector[],
  sim: Float64Array,
  titleIds: readonly number[],
  w: ScoreWeights = DEFAULT_WEIGHTS,
): number[] {
  const central = centrality(sim, sentences.length);
  let rank = 0;
  return sentences.map((s, i) => {
    const position = 1 / (1 + w.decay * rank);
    const r = rank;
    if (!s.heading) rank++;
    const facts = Math.min(1, factCount(s.text) / 3);
    return (
      w.position * position +
      w.title * titleOverlap(titleIds, vectors[i]!) +
      w.centrality * central[i]! +
      w.facts * facts +
      w.event * (WHEN.test(s.text) ? 1 : 0) -
      w.penalty * penaltyOf(s, r)
    );
  });
}
