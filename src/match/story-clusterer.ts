import type { Normalizer } from '../search/normalize.ts';
import {
  createStoryFeaturizer,
  figuresAgree,
  jaccard,
  type NearDuplicateOptions,
  type StoryFeatures,
  type StoryInput,
} from './near-duplicate.ts';
import type { StockDirectory } from './stocks.ts';

export interface Twin {
  id: string;
  source: string;
  at: number;
}

export interface ClusterResult {
  /** the id of the cluster's first item: stable for the story while it is in the window */
  clusterId: string;
  /** no earlier copy in the window: this item opens a story */
  isNew: boolean;
  /** the other copies of the story still in the window, oldest first */
  twins: Twin[];
}

export interface ClustererStats {
  entries: number;
  clusters: number;
  buckets: number;
  /** candidate pairs checked, over the clusterer's life */
  comparisons: number;
  expired: number;
}

export interface StoryClusterer {
  add(input: StoryInput): ClusterResult;
  stats(): ClustererStats;
}

interface Entry {
  f: StoryFeatures;
  clusterId: string;
}

export const DEFAULT_MAX_ENTRIES = 50_000;
/**
 * A band key shared by many entries is a template ("北向资金净买入…亿元" every hour), not a
 * story: only its newest entries are compared, which bounds the work of one add.
 */
export const DEFAULT_BUCKET_SCAN = 32;

/**
 * One story, once: finds, within `windowMs` (24 h), an earlier copy of the same story from any
 * source. MinHash LSH bands pick the candidates (so an add looks at a few entries, not the
 * window); the exact Jaccard of the shingle sets, the numbers rule and the time decide.
 * Entries older than the window (by `now()`) are dropped on each add, and at most `maxEntries`
 * are kept, oldest first out: memory stays bounded whatever the rate.
 */
export function createStoryClusterer(deps: {
  windowMs: number;
  now: () => number;
  normalizer: Pick<Normalizer, 'normalize'>;
  /** the bot's stock directory: titles naming different listed companies are other stories */
  stocks?: Pick<StockDirectory, 'findStocks'>;
  maxEntries?: number;
  bucketScan?: number;
  options?: Partial<NearDuplicateOptions>;
}): StoryClusterer {
  const bucketScan = deps.bucketScan ?? DEFAULT_BUCKET_SCAN;
  const featurizer = createStoryFeaturizer({
    normalizer: deps.normalizer,
    stocks: deps.stocks,
    options: deps.options ?? {},
  });
  const { threshold } = featurizer.options;
  const maxEntries = deps.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const byId = new Map<string, Entry>();
  const buckets = new Map<number, Entry[]>();
  const clusters = new Map<string, Entry[]>();
  // insertion order; `head` moves instead of shifting the array
  let queue: Entry[] = [];
  let head = 0;
  let comparisons = 0;
  let expired = 0;

  const evict = (e: Entry) => {
    byId.delete(e.f.id);
    for (const key of e.f.bands) {
      const list = buckets.get(key);
      if (!list) continue;
      const i = list.indexOf(e);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) buckets.delete(key);
    }
    const members = clusters.get(e.clusterId);
    if (members) {
      members.splice(members.indexOf(e), 1);
      if (members.length === 0) clusters.delete(e.clusterId);
    }
    expired++;
  };

  const expire = () => {
    const cutoff = deps.now() - deps.windowMs;
    while (head < queue.length) {
      const e = queue[head]!;
      if (byId.get(e.f.id) === e && e.f.at >= cutoff && byId.size < maxEntries) break;
      if (byId.get(e.f.id) === e) evict(e);
      head++;
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  const twinsOf = (clusterId: string, except: string): Twin[] =>
    (clusters.get(clusterId) ?? [])
      .filter((m) => m.f.id !== except)
      .map((m) => ({ id: m.f.id, source: m.f.source, at: m.f.at }))
      .sort((a, b) => a.at - b.at);

  return {
    add(input) {
      expire();
      const known = byId.get(input.id);
      if (known)
        return { clusterId: known.clusterId, isNew: false, twins: twinsOf(known.clusterId, input.id) };
      const f = featurizer.features(input);
      const seen = new Set<Entry>();
      let best: Entry | undefined;
      let bestScore = -1;
      for (const key of f.bands) {
        const list = buckets.get(key) ?? [];
        for (let i = list.length - 1; i >= 0 && i >= list.length - bucketScan; i--) {
          const e = list[i]!;
          if (seen.has(e)) continue;
          seen.add(e);
          comparisons++;
          if (Math.abs(e.f.at - f.at) > deps.windowMs || !figuresAgree(f, e.f)) continue;
          const score = jaccard(f.shingles, e.f.shingles);
          if (score >= threshold && score > bestScore) {
            best = e;
            bestScore = score;
          }
        }
      }
      const entry: Entry = { f, clusterId: best?.clusterId ?? f.id };
      byId.set(f.id, entry);
      queue.push(entry);
      for (const key of f.bands) {
        const list = buckets.get(key);
        if (list) list.push(entry);
        else buckets.set(key, [entry]);
      }
      const members = clusters.get(entry.clusterId);
      if (members) members.push(entry);
      else clusters.set(entry.clusterId, [entry]);
      return { clusterId: entry.clusterId, isNew: best === undefined, twins: twinsOf(entry.clusterId, f.id) };
    },
    stats: () => ({
      entries: byId.size,
      clusters: clusters.size,
      buckets: buckets.size,
      comparisons,
      expired,
    }),
  };
}
