/**
 * npm run bench:search — 100,000 generated articles (~1,200 characters of Chinese financial
 * text) stored through the real article store in a SQLite file, then indexed: ingest rate,
 * index size relative to the text, top-10 latency of the FTS5 index against a naive LIKE scan
 * over the articles table (measured in the same run), and the resident memory while serving.
 * ARTICLES=20000 npm run bench:search for a quicker run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArticleStore } from '../src/articles/store.ts';
import type { StoredArticle } from '../src/articles/types.ts';
import { createSearchIndex } from '../src/search/index.ts';
import { openDb } from '../src/storage/db.ts';
import { allMigrations } from '../src/storage/migrations.ts';
import { createRandom, generateArticle, SEARCH_QUERIES as QUERIES } from './search-corpus.ts';
import { pctl } from './stats.ts';

const N = Number(process.env.ARTICLES ?? 100_000);
const BATCH = 1_000;
const NOW = Date.now();
const SPAN_DAYS = 120;

const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'kx-bench-search-'));
const db = openDb(join(dir, 'bench.sqlite'), allMigrations());
const store = createArticleStore(db);
const index = createSearchIndex(db);
const rss0 = process.memoryUsage().rss;

// ingest: generation is timed apart so the rate is the index's own
const r = createRandom(42);
let textBytes = 0;
let genMs = 0;
let ingestMs = 0;
let ingestCpuMs = 0;
let storeMs = 0;
for (let start = 1; start <= N; start += BATCH) {
  const t0 = performance.now();
  const batch: StoredArticle[] = [];
  for (let seq = start; seq < Math.min(N + 1, start + BATCH); seq++) {
    const a = generateArticle(r, seq, N, NOW, SPAN_DAYS);
    textBytes += Buffer.byteLength(a.title) + Buffer.byteLength(a.paragraphs.join('\n'));
    batch.push(a);
  }
  const ts = performance.now();
  const stored: StoredArticle[] = db.transaction(() =>
    batch.map((a) => store.insert(a, '', a.fetchedAt).article),
  )();
  storeMs += performance.now() - ts;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  index.addMany(stored);
  const c2 = process.cpuUsage(c1);
  const t2 = performance.now();
  ingestCpuMs += (c2.user + c2.system) / 1000;
  genMs += ts - t0;
  ingestMs += t2 - t1;
}
db.pragma('wal_checkpoint(TRUNCATE)');
const rate = N / (ingestMs / 1000);

const sizes = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as Array<{
  name: string;
  bytes: number;
}>;
const sizeOf = (pred: (n: string) => boolean) =>
  sizes.filter((s) => pred(s.name)).reduce((sum, s) => sum + s.bytes, 0);
const ftsBytes = sizeOf((n) => n.startsWith('search_tri') || n.startsWith('search_grams'));
const triBytes = sizeOf((n) => n.startsWith('search_tri'));
const metaBytes = sizeOf((n) => n.startsWith('search_docs') || n.startsWith('search_stories'));
const articlesBytes = sizeOf(
  (n) => n === 'articles' || n.startsWith('articles_') || n.includes('autoindex_articles'),
);

// latency: every query several times, top-10 with count and snippets, as /search asks
const REPS = 7;
const latency: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
const totals: Record<string, number> = {};
for (const [group, qs] of Object.entries(QUERIES)) {
  latency[group] = [];
  cpu[group] = [];
  for (const terms of qs) {
    for (let rep = 0; rep < REPS; rep++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = index.search({ terms, offset: 0, limit: 10, now: NOW });
      const c1 = process.cpuUsage(c0);
      latency[group].push(performance.now() - t0);
      cpu[group].push((c1.user + c1.system) / 1000);
      totals[terms.join(' ')] = res.total;
    }
  }
}
const rssServing = process.memoryUsage().rss;

// naive baseline: LIKE over the stored text, same order and count, once per query
const naive = db.prepare(`
  SELECT seq, COUNT(*) OVER () AS total FROM articles
  WHERE (title LIKE @p OR paragraphs LIKE @p)
  ORDER BY (published_at >= @fresh) DESC, (title LIKE @p) DESC, published_at DESC LIMIT 10`);
const naiveLatency: Record<string, number[]> = {};
for (const [group, qs] of Object.entries(QUERIES)) {
  naiveLatency[group] = [];
  for (const terms of qs.filter((t) => t.length === 1).slice(0, 2)) {
    const t0 = performance.now();
    naive.all({ p: `%${terms[0]}%`, fresh: NOW - 90 * 86_400_000 });
    naiveLatency[group].push(performance.now() - t0);
  }
}

const all = Object.values(latency).flat();
const allNaive = Object.values(naiveLatency).flat();
console.log(
  `articles: ${N}, text ${mb(textBytes)} MB (UTF-8), generated in ${ms(genMs / 1000)} s, stored (articles table ${mb(articlesBytes)} MB) in ${ms(storeMs / 1000)} s`,
);
console.log(
  `ingest: ${Math.round(rate)} articles/s wall (${ms(ingestMs / 1000)} s), ${Math.round(N / (ingestCpuMs / 1000))} articles/s of CPU time   bar ≥ 1000/s`,
);
console.log(
  `index: FTS ${mb(ftsBytes)} MB (trigram ${mb(triBytes)}, grams ${mb(ftsBytes - triBytes)}) = ${(ftsBytes / textBytes).toFixed(2)}× text   bar ≤ 2.5×`,
);
console.log(
  `       + per-post and per-story rows ${mb(metaBytes)} MB: all search tables ${((ftsBytes + metaBytes) / textBytes).toFixed(2)}× text (the text itself stays in the articles table)`,
);
const allCpu = Object.values(cpu).flat();
console.log('\ntop-10 latency (ms)       wall p50  wall p95   cpu p50   cpu p95   naive p50   ratio');
const row = (name: string, xs: number[], cs: number[], nx: number[]) =>
  console.log(
    `  ${name.padEnd(16)} ${[pctl(xs, 50), pctl(xs, 95), pctl(cs, 50), pctl(cs, 95)].map((v) => ms(v).padStart(9)).join(' ')} ${ms(pctl(nx, 50)).padStart(11)} ${(pctl(nx, 50) / pctl(xs, 50)).toFixed(0).padStart(6)}×`,
  );
for (const group of Object.keys(QUERIES))
  row(group, latency[group] ?? [], cpu[group] ?? [], naiveLatency[group] ?? []);
row('all', all, allCpu, allNaive);
console.log('  bars: p95 ≤ 150 ms, selective p50 ≤ 20 ms');
console.log(
  `\nmatches: ${Object.entries(totals)
    .map(([q, t]) => `${q}=${t}`)
    .join(', ')}`,
);
console.log(
  `memory: rss ${mb(rssServing)} MB while serving (${mb(rssServing - rss0)} MB above start; SQLite page cache included)`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
