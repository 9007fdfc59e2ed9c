/**
 * npm run bench:summary — ROUGE against editor digests (ours vs Lead-k at the same budget), the
 * invariants over every real post, speed and memory. Real posts come from test/fixtures/finews.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Summarizer } from '../src/summarize/types.ts';
import { type DigestPair, evaluateDigests, leadSummary } from '../test/eval/digest-eval.ts';
import { summaryViolations } from '../test/eval/invariants.ts';
import { loadRealPosts, POSTS_DIR } from '../test/eval/posts.ts';
import type { RougeScores } from '../test/eval/rouge.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
function settledRss(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss;
}

const BUDGET = 120;
const posts = loadRealPosts();
const real: DigestPair[] = posts
  .filter((p) => p.digest)
  .map((p) => ({ id: p.file, title: p.title, paragraphs: p.paragraphs, digest: p.digest! }));
// the title-less `_posts/-2022…` file is a broken copy of the 蔚来 post (Jekyll skips it)
const distinct = real.filter((p, i) => real.findIndex((q) => q.digest === p.digest) === i);
const written = (
  JSON.parse(readFileSync(new URL('../test/eval/pairs-written-by-us.json', import.meta.url), 'utf8')) as {
    pairs: DigestPair[];
  }
).pairs;

// a ~3,000-character article made of real paragraphs (the longest posts, in order)
const longPosts = [...posts].sort((a, b) => b.text.length - a.text.length);
const longParagraphs: string[] = [];
for (const p of longPosts) {
  for (const para of p.paragraphs) if (longParagraphs.join('').length < 3000) longParagraphs.push(para);
}
const long = { title: longPosts[0]!.title, paragraphs: longParagraphs };

// memory: RSS before the summarizer module is loaded, then after loading and running it
const rssBefore = settledRss();
const { createSummarizer } = await import('../src/summarize/index.ts');
const bigram = createSummarizer();
for (const p of posts) bigram.summarize({ title: p.title, paragraphs: p.paragraphs });
bigram.summarize(long);
const rssBigram = settledRss();
const jieba = createSummarizer({ features: 'jieba' });
for (const p of posts) jieba.summarize({ title: p.title, paragraphs: p.paragraphs });
jieba.summarize(long);
const rssJieba = settledRss();

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const row = (name: string, r: RougeScores) =>
  `  ${name.padEnd(34)} ${pct(r.rouge1)} ${pct(r.rouge2)} ${pct(r.rougeL)}`;

console.log(`finews posts: ${POSTS_DIR} (${posts.length} posts, ${real.length} with an editor digest)`);
console.log(`machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}\n`);
for (const [name, set] of [
  ['real finews digest pairs', real],
  ['real pairs, distinct articles', distinct],
  ['pairs WRITTEN BY US', written],
] as const) {
  for (const budget of [80, BUDGET, 160]) {
    const ours = evaluateDigests(bigram, set, budget);
    const withJieba = evaluateDigests(jieba, set, budget);
    console.log(`${name} (n=${set.length}), budget ${budget}:        R-1   R-2   R-L`);
    console.log(row('Lead-k (same budget)', ours.lead));
    console.log(row('ours (bigram features, default)', ours.ours));
    console.log(row('ours (jieba words)', withJieba.ours));
    const dL = (ours.ours.rougeL - ours.lead.rougeL) * 100;
    const d2 = (ours.ours.rouge2 - ours.lead.rouge2) * 100;
    console.log(
      `  ours - Lead-k: R-L ${dL >= 0 ? '+' : ''}${dL.toFixed(1)}, R-2 ${d2 >= 0 ? '+' : ''}${d2.toFixed(1)}`,
    );
    if (budget === BUDGET && name.startsWith('real')) {
      for (const p of ours.pairs) {
        const o = (p.oursScores.rougeL * 100).toFixed(1);
        console.log(
          `    ${p.id.padEnd(36)} R-L ours ${o.padStart(5)}  lead ${(p.leadScores.rougeL * 100).toFixed(1)}`,
        );
      }
      console.log(`  BAR (R-L ≥ Lead-k + 1.0 and R-2 ≥ Lead-k): ${dL >= 1 && d2 >= 0 ? 'PASS' : 'FAIL'}`);
    }
    console.log('');
  }
}

// invariants over every real post, several budgets, with and without the digest
let checks = 0;
const broken: string[] = [];
for (const p of posts) {
  const input = { title: p.title, paragraphs: p.paragraphs, digest: p.digest };
  for (const budget of [40, 80, 120, 200]) {
    for (const useDigest of [true, false]) {
      checks++;
      for (const v of summaryViolations(input, bigram.summarize(input, { budget, useDigest }), budget)) {
        broken.push(`${p.file} @${budget}: ${v}`);
      }
    }
  }
}
console.log(`invariants: ${checks} summaries of ${posts.length} real posts, ${broken.length} violations`);
for (const b of broken.slice(0, 10)) console.log(`  ${b}`);
const sichuan = posts.find((p) => p.file.includes('NW202203152308494336'))!;
const seed = bigram.summarize({ title: sichuan.title, paragraphs: sichuan.paragraphs }).summary;
console.log(
  `四川日报 seed: ${seed.includes('295亿元') && !seed.startsWith('百尺竿头') ? 'PASS' : 'FAIL'} — ${seed}\n`,
);

function timing(label: string, run: () => void, iterations: number): number[] {
  for (let i = 0; i < 20; i++) run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))]!;
  console.log(`  ${label.padEnd(44)} p50 ${q(0.5).toFixed(2)} ms  p95 ${q(0.95).toFixed(2)} ms`);
  return times;
}

const longChars = long.paragraphs.join('').length;
console.log(`speed (${longChars}-character article of real paragraphs; all ${posts.length} real posts):`);
const timeSummarizer = (s: Summarizer, label: string) => {
  const t = timing(`${label}, ${longChars} chars`, () => s.summarize(long), 300);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 2000) {
    for (const p of posts) s.summarize({ title: p.title, paragraphs: p.paragraphs }, { useDigest: false });
    n += posts.length;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`  ${label.padEnd(44)} ${rate.toFixed(0)} real articles/s`);
  return t;
};
const ourTimes = timeSummarizer(bigram, 'ours (bigram)');
timeSummarizer(jieba, 'ours (jieba)');
timing(`Lead-k baseline, ${longChars} chars`, () => leadSummary(long.paragraphs, BUDGET), 300);
const p95 = ourTimes[Math.floor(0.95 * ourTimes.length)]!;
console.log(`  BAR (p95 < 50 ms on ${longChars} chars): ${p95 < 50 ? 'PASS' : 'FAIL'}\n`);

const added = rssBigram - rssBefore;
console.log(`memory (RSS after gc): before ${mb(rssBefore)} MB`);
console.log(`  + summarizer loaded and run (bigram): ${mb(added)} MB`);
console.log(`  + jieba summarizer (dictionary):      ${mb(rssJieba - rssBigram)} MB more`);
console.log(`  BAR (≤ 80 MB added, default summarizer): ${added <= 80 * 1024 * 1024 ? 'PASS' : 'FAIL'}`);
