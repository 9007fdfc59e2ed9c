import { charLength } from './text.ts';

export interface Candidate {
  text: string;
  score: number;
  /** excluded unless nothing else is left (headings) */
  fallbackOnly?: boolean;
  /** opens by pointing back (这, 其中…): worth `dependency` less unless the sentence before it is taken */
  dependent?: boolean;
  /** ends mid-thought (；：): worth `openEnd` less unless the sentence after it is taken */
  continues?: boolean;
}

/** cosine similarity of candidates i and j */
export type Similarity = (i: number, j: number) => number;

export interface SelectOptions {
  budget: number;
  /** MMR-style discount: a sentence loses this much per unit of similarity to a better-scored one */
  redundancy: number;
  /** a pair at least this similar is a repeat: never both */
  maxSimilarity: number;
  /** a sentence earns its place only by scoring above this share of the best score: no filler */
  threshold: number;
  /** bonus for taking two consecutive sentences: editors' digests read as one passage */
  adjacency: number;
  dependency: number;
  /** the same for a sentence that ends mid-thought (；：) without the sentence after it */
  openEnd: number;
  /** the best sentence may exceed the budget by this factor when nothing comparable fits */
  overflow: number;
  /** …and "comparable" means scoring at least this share of it */
  overflowMargin: number;
}

/** The MMR idea applied once, in score order: what a better sentence already says is worth less. */
function discounted(
  candidates: readonly Candidate[],
  pool: readonly number[],
  weight: number,
  sim: Similarity,
): Map<number, number> {
  const order = [...pool].sort((a, b) => candidates[b]!.score - candidates[a]!.score);
  const out = new Map<number, number>();
  order.forEach((i, k) => {
    let best = 0;
    for (let m = 0; m < k; m++) best = Math.max(best, sim(i, order[m]!));
    out.set(i, candidates[i]!.score - weight * best);
  });
  return out;
}

/**
 * Best set of whole sentences under the budget (a knapsack by dynamic programming over source
 * order): utility = discounted score above the threshold, plus a bonus for consecutive sentences.
 * Exact repeats and near-duplicates never appear together. Returns indices in source order; at
 * least one sentence (the best) even when nothing fits.
 */
export function selectSentences(
  candidates: readonly Candidate[],
  sim: Similarity,
  opts: SelectOptions,
): number[] {
  const usable = candidates.map((_, i) => i).filter((i) => !candidates[i]!.fallbackOnly);
  let pool = usable.length > 0 ? usable : candidates.map((_, i) => i);
  if (pool.length === 0) return [];
  const seen = new Set<string>();
  pool = pool.filter((i) => !seen.has(candidates[i]!.text) && seen.add(candidates[i]!.text));
  const score = discounted(candidates, pool, opts.redundancy, sim);
  const best = Math.max(...pool.map((i) => score.get(i)!));
  const floor = best > 0 ? best * opts.threshold : best - 1e-9;
  const excluded = new Set<number>();
  for (let round = 0; round < pool.length; round++) {
    const items = pool.filter((i) => !excluded.has(i));
    const picked = knapsack(items, candidates, score, floor, opts);
    const repeat = firstRepeat(picked, sim, opts.maxSimilarity, score);
    if (repeat === null) {
      if (picked.length > 0) return preferLeadingSentence(picked, pool, candidates, score, opts) ?? picked;
      break;
    }
    excluded.add(repeat);
  }
  const fitting = pool.filter((i) => charLength(candidates[i]!.text) <= opts.budget);
  const from = fitting.length > 0 ? fitting : pool;
  const single = [from.reduce((a, b) => (score.get(b)! > score.get(a)! ? b : a))];
  return preferLeadingSentence(single, pool, candidates, score, opts) ?? single;
}

/**
 * When the one sentence that matters is slightly over the budget and what fits is clearly weaker
 * (a trailing clause, a detail), that sentence alone is the better summary: the budget yields,
 * the rule "at least one whole sentence" holds.
 */
function preferLeadingSentence(
  picked: readonly number[],
  pool: readonly number[],
  candidates: readonly Candidate[],
  score: ReadonlyMap<number, number>,
  opts: SelectOptions,
): number[] | null {
  const top = pool.reduce((a, b) => (score.get(b)! > score.get(a)! ? b : a));
  const len = charLength(candidates[top]!.text);
  if (len <= opts.budget || len > opts.budget * opts.overflow || picked.includes(top)) return null;
  const bestPicked = Math.max(...picked.map((i) => score.get(i)!));
  return bestPicked < score.get(top)! * opts.overflowMargin ? [top] : null;
}

function firstRepeat(
  picked: readonly number[],
  sim: Similarity,
  maxSimilarity: number,
  score: ReadonlyMap<number, number>,
): number | null {
  for (const i of picked) {
    for (const j of picked) {
      if (i < j && sim(i, j) >= maxSimilarity) {
        return score.get(i)! < score.get(j)! ? i : j;
      }
    }
  }
  return null;
}

function knapsack(
  items: readonly number[],
  candidates: readonly Candidate[],
  score: ReadonlyMap<number, number>,
  floor: number,
  opts: SelectOptions,
): number[] {
  const B = opts.budget;
  // value[b * 2 + t]: best utility using exactly b characters, t = 1 when the last item was taken
  let value = new Float64Array((B + 1) * 2).fill(Number.NEGATIVE_INFINITY);
  value[0] = 0;
  const back: Uint8Array[] = [];
  items.forEach((i, k) => {
    const len = charLength(candidates[i]!.text);
    const dep = candidates[i]!.dependent ? opts.dependency : 0;
    const open = candidates[i]!.continues ? opts.openEnd : 0;
    const prevOpen = k > 0 && candidates[i - 1]?.continues ? opts.openEnd : 0;
    const utility = score.get(i)! - floor - dep - open;
    const bonus = k > 0 && items[k - 1] === i - 1 ? opts.adjacency + dep + prevOpen : 0;
    const next = new Float64Array((B + 1) * 2).fill(Number.NEGATIVE_INFINITY);
    const from = new Uint8Array((B + 1) * 2);
    for (let b = 0; b <= B; b++) {
      const skip = value[b * 2]!;
      const take = value[b * 2 + 1]!;
      next[b * 2] = Math.max(skip, take);
      from[b * 2] = take > skip ? 1 : 0;
      if (b >= len) {
        const viaTaken = value[(b - len) * 2 + 1]! + utility + bonus;
        const viaSkipped = value[(b - len) * 2]! + utility;
        next[b * 2 + 1] = Math.max(viaTaken, viaSkipped);
        from[b * 2 + 1] = viaTaken > viaSkipped ? 1 : 0;
      }
    }
    value = next;
    back.push(from);
  });
  let bestAt = 0;
  for (let x = 1; x < value.length; x++) if (value[x]! > value[bestAt]!) bestAt = x;
  if (!(value[bestAt]! > 0)) return [];
  const picked: number[] = [];
  let b = bestAt >> 1;
  let t = bestAt & 1;
  for (let k = items.length - 1; k >= 0; k--) {
    const prev = back[k]![b * 2 + t]!;
    if (t === 1) {
      picked.push(items[k]!);
      b -= charLength(candidates[items[k]!]!.text);
    }
    t = prev;
  }
  return picked.reverse();
}

/** The Lead-k baseline: leading sentences while they fit the budget (at least one). */
export function leadK(sentences: readonly string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const s of sentences) {
    const len = charLength(s);
    if (out.length > 0 && used + len > budget) break;
    out.push(s);
    used += len;
  }
  return out;
}
