/**
 * bench:feeds: N feeds × 50 items served locally (default 1,000; `-- --feeds 5000`), of which
 * 300 change per cycle (5 new items each). Measures one feed cycle of ours (conditional GET,
 * seen keys, storing and indexing the new items) against a naive reader that GETs and parses
 * every feed in full each cycle, CPU time, resident memory, and how late a finews poll tick
 * finishes while a feed cycle runs beside it (the site tick alone is the baseline). The feed
 * server runs in a child process (bench/feeds-server.ts), so memory is the reader's own.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { seenKey } from '../src/sources/feed/seen-key.ts';
import { pollFinews } from '../src/sources/finews/poll.ts';
import { runFeedCycle } from '../src/sources/reader/cycle.ts';
import { shortHash } from '../src/sources/reader/to-article.ts';
import { startSiteServer } from '../test/support/site-server.ts';
import { buildTestDeps } from '../test/support/test-deps.ts';
import { guidOf, ITEMS } from './feeds-gen.ts';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    changed: { type: 'string', default: '300' },
    cycles: { type: 'string', default: '3' },
  },
});
const FEEDS = Number(values.feeds);
const CHANGED = Math.min(FEEDS, Number(values.changed));
const CYCLES = Number(values.cycles);
const NEW_PER_CHANGE = 5;

const child = fork(new URL('./feeds-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
const feedServer = await new Promise<{ url: string; host: string }>((r) =>
  child.once('message', (m) => r(m as { url: string; host: string })),
);
const replies: Array<() => void> = [];
child.on('message', () => replies.shift()?.());
const setFeed = (f: number, top: number, v: number) =>
  new Promise<void>((r) => {
    replies.push(r);
    child.send({ f, top, version: v });
  });

const site = await startSiteServer({ snapshot: 's1-2021-12-08-1200' });
const t = buildTestDeps({
  siteUrl: site.url,
  env: {
    LOG_LEVEL: 'warn',
    FEED_PRIVATE_HOSTS: feedServer.host,
    FEED_MIN_INTERVAL: '1ms',
    FEED_CONCURRENCY: '16',
    MAX_SUBSCRIPTIONS: '10000',
  },
});
const { deps } = t;
const next = new Array<number>(FEEDS).fill(ITEMS);
const version = new Array<number>(FEEDS).fill(0);

// setup, not measured: every feed already read once (validators and seen keys as after a first read)
const chat = 1;
const slugs: string[] = [];
for (let f = 0; f < FEEDS; f++) {
  await setFeed(f, next[f]!, 0);
  const url = `${feedServer.url}/f/${f}.xml`;
  const id = shortHash(url, 10);
  const feed = await deps.feeds.add(
    { id, slug: `feed-${id}`, kind: 'feed', url, title: `源${f}` },
    Date.now(),
  );
  const keys = Array.from({ length: ITEMS }, (_, k) => seenKey({ guid: guidOf(f, next[f]! - k) }));
  await deps.feeds.see(id, keys, Date.now());
  await deps.feeds.markInitialized(id);
  await deps.feeds.recordOk(id, {
    at: Date.now(),
    validators: { etag: `"v0-${f}"` },
    nextDueAt: 0,
    items: ITEMS,
    newItems: 0,
  });
  slugs.push(feed.slug);
}
await deps.chats.subscribe(chat, slugs, Date.now() - 1000);
await pollFinews(deps); // the finews first run (silent), so later ticks are ordinary ones

const setupRss = process.memoryUsage().rss;
let peakRss = setupRss;
/** the peak while our cycles ran (the naive reader's own peak comes after) */
let oursPeak = setupRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

async function change(cycle: number) {
  for (let k = 0; k < CHANGED; k++) {
    const f = (cycle * CHANGED + k) % FEEDS;
    next[f]! += NEW_PER_CHANGE;
    version[f]!++;
    await setFeed(f, next[f]!, version[f]!);
  }
}

async function measured<T>(fn: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const s0 = deps.feedKit.fetcher.stats();
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu);
  const s1 = deps.feedKit.fetcher.stats();
  return {
    out,
    ms,
    cpuMs: (c.user + c.system) / 1000,
    requests: s1.requests - s0.requests,
    bytes: s1.bytes - s0.bytes,
  };
}

const ours: Array<Awaited<ReturnType<typeof measured>> & { stored: number }> = [];
const naive: Array<Awaited<ReturnType<typeof measured>>> = [];
for (let c = 0; c < CYCLES; c++) {
  await change(c);
  const r = await measured(() => runFeedCycle(deps));
  ours.push({ ...r, stored: r.out.stored });
  oursPeak = Math.max(oursPeak, peakRss);
  // the naive reader: every feed in full, parsed, every cycle (nothing stored)
  naive.push(
    await measured(async () => {
      let i = 0;
      const worker = async () => {
        for (let f = i++; f < FEEDS; f = i++) {
          const doc = await deps.feedKit.fetcher.fetch({ url: `${feedServer.url}/f/${f}.xml` });
          deps.feedKit.parse(doc.text, doc.url);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    }),
  );
}

// finews tick alone, then the same tick started while a feed cycle (CHANGED feeds changed) runs
const alone: number[] = [];
const beside: number[] = [];
for (let k = 0; k < 3; k++) {
  let t0 = performance.now();
  await pollFinews(deps);
  alone.push(performance.now() - t0);
  await change(CYCLES + k);
  const cycle = runFeedCycle(deps);
  await new Promise((r) => setTimeout(r, 30));
  t0 = performance.now();
  await pollFinews(deps);
  beside.push(performance.now() - t0);
  await cycle;
}
clearInterval(sampler);

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const mean = (rows: Array<Record<string, unknown>>, key: string) => avg(rows.map((r) => Number(r[key])));
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const o = {
  req: mean(ours, 'requests'),
  bytes: mean(ours, 'bytes'),
  cpu: mean(ours, 'cpuMs'),
  ms: mean(ours, 'ms'),
};
const n = {
  req: mean(naive, 'requests'),
  bytes: mean(naive, 'bytes'),
  cpu: mean(naive, 'cpuMs'),
  ms: mean(naive, 'ms'),
};
console.log(
  `\n${FEEDS} feeds × ${ITEMS} items, ${CHANGED} changed per cycle (${NEW_PER_CHANGE} new items each), ${CYCLES} cycles`,
);
console.log('| reader | requests/cycle | bytes/cycle | CPU ms/cycle | wall ms/cycle | stored/cycle |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(
  `| naive (no conditional GET) | ${n.req.toFixed(0)} | ${kb(n.bytes)} | ${n.cpu.toFixed(0)} | ${n.ms.toFixed(0)} | 0 |`,
);
console.log(
  `| kuaixun | ${o.req.toFixed(0)} | ${kb(o.bytes)} | ${o.cpu.toFixed(0)} | ${o.ms.toFixed(0)} | ${mean(ours, 'stored').toFixed(0)} |`,
);
console.log(
  `| ratio kuaixun / naive | ${(o.req / n.req).toFixed(2)}× | ${(o.bytes / n.bytes).toFixed(2)}× | ${(o.cpu / n.cpu).toFixed(2)}× | ${(o.ms / n.ms).toFixed(2)}× | |`,
);
console.log(
  `RSS after setup ${(setupRss / 1048576).toFixed(0)} MB (the feed server runs in its own process); peak during our cycles ${(oursPeak / 1048576).toFixed(0)} MB, during the whole run ${(peakRss / 1048576).toFixed(0)} MB`,
);
console.log(
  `finews tick alone ${avg(alone).toFixed(0)} ms; beside a feed cycle ${avg(beside).toFixed(0)} ms (${(avg(beside) / avg(alone)).toFixed(2)}×, +${(avg(beside) - avg(alone)).toFixed(0)} ms)`,
);
child.send('close');
await site.close();
t.close();
