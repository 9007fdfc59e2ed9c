/**
 * npm run bench:match — issue 12's matching figures: 10,000 watch terms from 5,000 chats
 * against 1,000 articles (CPU per article against the naive loop of `includes` in the same
 * run), near-duplicate detection over a 24 h window of 20,000 articles (articles/s, memory),
 * and precision/recall on test/fixtures/dupes against the "same title" baseline and SimHash.
 * Run with --expose-gc (the npm script does) so memory deltas are measured after collection.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createStoryFeaturizer, figuresAgree, isSameStory } from '../src/match/near-duplicate.ts';
import { shingleHashes } from '../src/match/shingles.ts';
import { hamming64, simhash64 } from '../src/match/simhash.ts';
import { createStockDirectory, loadAShares } from '../src/match/stocks.ts';
import { createStoryClusterer } from '../src/match/story-clusterer.ts';
import { createWatchIndex } from '../src/match/watch-index.ts';
import { createNormalizer } from '../src/search/normalize.ts';
import { BENCH_COMPANIES, dayOfWires } from './match-stream.ts';
import { createRandom, generateArticle, MINOR_COMPANIES } from './search-corpus.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mb = (b: number) => `${fmt(b / 1048576, 1)} MB`;

console.log(
  `# bench:match  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} × ${cpus()[0]?.model}`,
);
const normalizer = createNormalizer();
const stocks = createStockDirectory(loadAShares(), { normalizer });
const r = createRandom(2026);

// --- watchlists -------------------------------------------------------------------------------
const shares = loadAShares();
const WORDS = [
  '降准',
  '降息',
  '专项债',
  '注册制',
  '光伏',
  '锂电池',
  '半导体',
  '创新药',
  '人工智能',
  '算力',
  '北向资金',
];
const vocab = [
  ...shares.flatMap((s) => [s.code, s.name]),
  ...MINOR_COMPANIES.flatMap(([name, code]) => [name, code]),
  ...WORDS,
];
const watches: { chatId: number; term: string }[] = [];
for (let chat = 0; chat < 5000; chat++) {
  for (let k = 0; k < 2; k++) {
    // skewed like real interest: the famous names and policy words are watched most
    const famous = r.next() < 0.5;
    const term = famous ? r.pick([...shares.slice(0, 60).map((s) => s.name), ...WORDS]) : r.pick(vocab);
    watches.push({ chatId: chat, term });
  }
}
const articles = Array.from({ length: 1000 }, (_, i) => generateArticle(r, i + 1, 1000, Date.now(), 1));
let t = cpuMs();
const texts = articles.map((a) => normalizer.normalize(`${a.title}\n${a.paragraphs.join('\n')}`));
const normMs = cpuMs() - t;
const avgChars = texts.reduce((s, x) => s + x.length, 0) / texts.length;

t = cpuMs();
const index = createWatchIndex(watches, { normalizer, stocks });
index.hits('');
const buildMs = cpuMs() - t;
const st = index.stats();

const rounds = 5;
t = cpuMs();
let ourHits = 0;
for (let round = 0; round < rounds; round++) for (const text of texts) ourHits += index.hits(text).length;
const oursMs = (cpuMs() - t) / rounds;
ourHits /= rounds;

const naiveTerms = watches.map((w) => ({ chatId: w.chatId, term: normalizer.normalize(w.term) }));
t = cpuMs();
let naiveHits = 0;
for (let round = 0; round < rounds; round++) {
  for (const text of texts) {
    const chats = new Set<number>();
    for (const w of naiveTerms) if (text.includes(w.term)) chats.add(w.chatId);
    naiveHits += chats.size;
  }
}
const naiveMs = (cpuMs() - t) / rounds;
naiveHits /= rounds;

t = cpuMs();
index.add(99_999, '全新关注词');
index.hits('');
const rebuildMs = cpuMs() - t;
t = cpuMs();
index.add(99_998, '降准');
index.hits('');
const sharedAddMs = cpuMs() - t;

console.log(
  `\n## watchlists: ${watches.length} watches from 5,000 chats, ${articles.length} articles of ~${fmt(avgChars)} chars`,
);
console.log(
  `entities ${st.entities}, patterns ${st.patterns} (codes + names), automaton states ${st.states}`,
);
console.log(
  `build from scratch ${fmt(buildMs, 1)} ms CPU; add a new term + lazy rebuild ${fmt(rebuildMs, 1)} ms; add a watched term ${fmt(sharedAddMs, 2)} ms`,
);
console.log(
  `normalise (once per article, shared with search) ${fmt((normMs / articles.length) * 1000, 1)} µs/article`,
);
console.log(
  `automaton: ${fmt((oursMs / articles.length) * 1000, 1)} µs CPU/article, ${fmt(articles.length / (oursMs / 1000))} articles/s, ${fmt(ourHits)} chat hits`,
);
console.log(
  `naive includes loop: ${fmt((naiveMs / articles.length) * 1000, 1)} µs CPU/article, ${fmt(articles.length / (naiveMs / 1000))} articles/s, ${fmt(naiveHits)} chat hits (no whole-code rule, no names for codes)`,
);
console.log(`ratio naive / automaton: ×${fmt(naiveMs / oursMs, 1)}`);

// --- near-duplicates over 24 h ----------------------------------------------------------------
const DAY = 86_400_000;
const N = 20_000;
const start = Date.parse('2026-03-02T00:00:00Z');
const stream = dayOfWires(N, start, 0.1, 2026);
const copies = stream.filter((s) => !s.id.endsWith('-0')).length;
gc();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
let clock = start;
// the bot's directory after `npm run refresh:stocks`: every listed name, here the bench's too
const allStocks = createStockDirectory([...shares, ...BENCH_COMPANIES], { normalizer });
const clusterer = createStoryClusterer({ windowMs: DAY, now: () => clock, normalizer, stocks: allStocks });
t = cpuMs();
const clusterEvent = new Map<string, number>();
let found = 0;
let falseJoins = 0;
for (const item of stream) {
  clock = item.at;
  const res = clusterer.add(item);
  if (res.isNew) clusterEvent.set(res.clusterId, item.event);
  else if (clusterEvent.get(res.clusterId) === item.event) found++;
  else falseJoins++;
}
const dupMs = cpuMs() - t;
gc();
const cs = clusterer.stats();
console.log(
  `\n## near-duplicates: ${fmt(N)} wire items over 24 h, ${fmt(copies)} of them later copies of an event`,
);
console.log(
  `${fmt(N / (dupMs / 1000))} articles/s of CPU (${fmt((dupMs / N) * 1000, 1)} µs each, normalisation included)`,
);
console.log(
  `copies joined to their event ${fmt(found)} / ${fmt(copies)} (${fmt((100 * found) / copies, 1)} %), items joined to another event ${falseJoins}`,
);
console.log(
  `entries ${cs.entries}, clusters ${cs.clusters}, LSH buckets ${cs.buckets}, candidate checks ${fmt(cs.comparisons / N, 1)}/article`,
);
console.log(
  `memory for the window: heap +${mb(process.memoryUsage().heapUsed - heap0)}, RSS +${mb(process.memoryUsage().rss - rss0)}`,
);

// --- quality on the fixture -------------------------------------------------------------------
interface Fixture {
  items: { id: string; source: string; at: string; title: string; lead: string }[];
  pairs: { a: string; b: string; same: boolean }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/dupes/pairs.json', import.meta.url), 'utf8'),
) as Fixture;
const items = new Map(fixture.items.map((i) => [i.id, { ...i, at: Date.parse(i.at) }]));
const featurizer = createStoryFeaturizer({ normalizer, stocks });
const feats = new Map([...items].map(([id, it]) => [id, featurizer.features(it)]));
const sims = new Map([...items].map(([id, it]) => [id, simhash64(shingleHashes(featurizer.content(it), 2))]));
const pr = (decide: (a: string, b: string) => boolean) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of fixture.pairs) {
    const said = decide(p.a, p.b);
    if (said && p.same) tp++;
    else if (said) fp++;
    else if (p.same) fn++;
  }
  return `precision ${fmt(tp / (tp + fp || 1), 3)}, recall ${fmt(tp / (tp + fn), 3)} (${tp} found, ${fp} wrong, ${fn} missed)`;
};
const within = (a: string, b: string) => Math.abs(items.get(a)!.at - items.get(b)!.at) <= DAY;
const { threshold } = featurizer.options;
console.log(
  `\n## quality: ${fixture.pairs.length} pairs, ${fixture.pairs.filter((p) => p.same).length} same`,
);
console.log(
  `same title (baseline): ${pr((a, b) => within(a, b) && normalizer.normalize(items.get(a)!.title) === normalizer.normalize(items.get(b)!.title))}`,
);
console.log(
  `MinHash LSH + Jaccard ≥ ${threshold} + figures: ${pr((a, b) => isSameStory(feats.get(a)!, feats.get(b)!, { threshold, windowMs: DAY }))}`,
);
const noNumbers = (id: string) => ({ ...feats.get(id)!, titleNumbers: [], stocks: [] });
console.log(
  `  the same without the figures rule (numbers, companies): ${pr((a, b) => isSameStory(noNumbers(a), noNumbers(b), { threshold, windowMs: DAY }))}`,
);
for (const k of [3, 6, 10, 14, 18]) {
  const simDecide = (a: string, b: string) =>
    within(a, b) && figuresAgree(feats.get(a)!, feats.get(b)!) && hamming64(sims.get(a)!, sims.get(b)!) <= k;
  console.log(`SimHash-64 Hamming ≤ ${k} + figures: ${pr(simDecide)}`);
}
