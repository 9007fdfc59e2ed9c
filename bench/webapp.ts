/**
 * npm run bench:webapp — the Mini App's budgets, measured in one run (PARTS=api or PARTS=tti
 * for one half; REQUESTS, ARTICLES and TTI_RUNS scale it down):
 *  1. first-load weight: gzip bytes of the page's JS and CSS (budget 100 KB);
 *  2. API latency: REQUESTS (default 3,000) calls per main endpoint over a 20,000-article
 *     archive and 2,000 sources, p50/p95 against the trivial authenticated /api/ping measured
 *     in the same run (bar: p95 ≤ 50 ms);
 *  3. time to interactive in Debian's Chromium (navigation start → data drawn and controls
 *     wired), with CDP CPU throttling ×4 (a mid-range phone) against unthrottled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { StoredArticle } from '../src/articles/types.ts';
import { startWebServer } from '../src/web/server.ts';
import { STATIC_DIR } from '../src/web/static.ts';
import { startFakeTelegram } from '../test/support/fake-telegram/index.ts';
import { buildTestDeps } from '../test/support/test-deps.ts';
import { signInitData } from '../test/support/web-harness.ts';
import { createRandom, generateArticle, MINOR_COMPANIES } from './search-corpus.ts';
import { pctl } from './stats.ts';

const REQUESTS = Number(process.env.REQUESTS ?? 3_000);
const ARTICLES = Number(process.env.ARTICLES ?? 20_000);
const TTI_RUNS = Number(process.env.TTI_RUNS ?? 8);
const USERS = 50;
/** PARTS=tti measures only the browser part (the API loop takes minutes on a busy machine) */
const PARTS = (process.env.PARTS ?? 'api,tti').split(',');

const f1 = (x: number) => x.toFixed(x < 10 ? 2 : 1);

// 1. weight
const files = readdirSync(STATIC_DIR);
const gz = (re: RegExp) =>
  files
    .filter((n) => re.test(n))
    .reduce((s, n) => s + gzipSync(readFileSync(`${STATIC_DIR}${n}`), { level: 9 }).length, 0);
const raw = (re: RegExp) =>
  files.filter((n) => re.test(n)).reduce((s, n) => s + readFileSync(`${STATIC_DIR}${n}`).length, 0);
const weight = { js: gz(/\.js$/), css: gz(/\.css$/), html: gz(/\.html$/), rawJsCss: raw(/\.(js|css)$/) };

// 2. API latency, over a realistic archive and registry
const fake = await startFakeTelegram({ rateLimits: false });
const t = buildTestDeps({
  env: {
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    USER_RATE_LIMIT: '1000',
    MAX_SUBSCRIPTIONS: '200',
    WEBAPP_URL: 'https://kx.example.test/app/',
    LOG_LEVEL: 'warn',
  },
});
const { deps } = t;
const now = Date.now();
deps.registry.observe({
  slug: 'sichuanribao',
  source: '四川日报',
  tag: '四川日报新闻',
  seenAt: now,
  newPosts: 5,
});
for (let i = 0; i < 2_000; i++) {
  const [name] = MINOR_COMPANIES[i % MINOR_COMPANIES.length]!;
  deps.registry.observe({
    slug: `source${i}`,
    source: `${name}${i % 3 ? '日报' : '财经'}`,
    tag: '',
    seenAt: now,
    newPosts: 1,
  });
}
const r = createRandom(7);
let batch: StoredArticle[] = [];
for (let seq = 1; seq <= ARTICLES; seq++) {
  const a = generateArticle(r, seq, ARTICLES, now, 30);
  batch.push(t.sqlite.articles.insert(a, a.paragraphs[0]?.slice(0, 120) ?? '', a.fetchedAt).article);
  if (batch.length === 1_000 || seq === ARTICLES) {
    t.sqlite.search.addMany(batch);
    batch = [];
  }
}
const users = Array.from({ length: USERS }, (_, i) => ({ id: 500_000 + i, first_name: `U${i}` }));
for (const u of users) {
  await deps.chats.ensure(u.id, { kind: 'private' });
  await deps.chats.subscribe(
    u.id,
    Array.from({ length: 20 }, (_, k) => `source${(u.id + k * 97) % 2000}`),
    now,
  );
}
const auth = users.map((u) => `tma ${signInitData(u, fake.token)}`);
const web = await startWebServer(deps, { port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${web.port}/api/`;

type Call = (i: number) => { path: string; method?: string; body?: unknown };
const uid = (i: number) => users[i % USERS]!.id;
const SOURCE_QUERIES = ['四川', 'scrb', 'sichuan', '日报', 'caijing', '财经'];
const SEARCH_QUERIES = ['公司', '同比增长', MINOR_COMPANIES[17]![0], '北向资金 #source3', '市场 @7d'];
const endpoints: Array<[string, Call]> = [
  ['ping (baseline)', () => ({ path: 'ping' })],
  ['GET chats', () => ({ path: 'chats' })],
  [
    'GET sources?q=',
    (i) => ({ path: `sources?q=${encodeURIComponent(SOURCE_QUERIES[i % SOURCE_QUERIES.length]!)}` }),
  ],
  [
    'POST subscription',
    (i) => ({
      path: `chats/${uid(i)}/subscriptions`,
      method: 'POST',
      body: { slug: 'sichuanribao', on: i % 2 === 0 },
    }),
  ],
  ['GET settings', (i) => ({ path: `chats/${uid(i)}/settings` })],
  [
    'PATCH settings',
    (i) => ({
      path: `chats/${uid(i)}/settings`,
      method: 'PATCH',
      body: { linkPreview: i % 2 === 0, digestTimes: ['08:00', '21:15'] },
    }),
  ],
  ['GET latest', (i) => ({ path: `latest?chat=${uid(i)}` })],
  [
    'GET search',
    (i) => ({ path: `search?q=${encodeURIComponent(SEARCH_QUERIES[i % SEARCH_QUERIES.length]!)}` }),
  ],
  ['GET article', (i) => ({ path: `articles/${1 + ((i * 7919) % ARTICLES)}` })],
];

const rows: Array<{ name: string; p50: number; p95: number; max: number }> = [];
for (const [name, call] of PARTS.includes('api') ? endpoints : []) {
  const times: number[] = [];
  for (let i = -100; i < REQUESTS; i++) {
    const c = call(i + 100);
    const t0 = performance.now();
    const res = await fetch(base + c.path, {
      method: c.method ?? 'GET',
      headers: {
        authorization: auth[(i + 100) % USERS]!,
        ...(c.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(c.body ? { body: JSON.stringify(c.body) } : {}),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
    if (i >= 0) times.push(performance.now() - t0);
  }
  rows.push({ name, p50: pctl(times, 50), p95: pctl(times, 95), max: Math.max(...times) });
}

// 3. time to interactive
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
/** the floor of any page on this machine and browser: one line of CJK text and one mark */
const BASELINE_PAGE =
  '<!doctype html><meta charset="utf-8"><p>快讯</p><script>performance.mark("kx-interactive")</script>';

/** every resource's start–end and every mark, in ms from navigation start */
const PROFILE_JS = `[...performance.getEntriesByType('resource'), ...performance.getEntriesByType('mark')]
  .map((e) => e.name.replace(/^.*\\//, '').replace(/\\?.*$/, '') + ':' + Math.round(e.startTime) + '-' + Math.round(e.startTime + e.duration))
  .join(' ')`;

async function tti(rate: number, baseline = false): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < TTI_RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    if (baseline) {
      await page.route('**/baseline/', (route) =>
        route.fulfill({ contentType: 'text/html', body: BASELINE_PAGE }),
      );
      await page.goto(`http://127.0.0.1:${web.port}/baseline/`);
    } else {
      const fragment = new URLSearchParams({ tgWebAppData: signInitData(users[run % USERS]!, fake.token) });
      await page.goto(`http://127.0.0.1:${web.port}/app/#${fragment}`);
      await page.waitForSelector('body[data-state="ready"]');
    }
    out.push(await page.evaluate("performance.getEntriesByName('kx-interactive')[0].startTime"));
    // PROFILE=1 prints where each load's time went: resources (start-end) and marks
    if (process.env.PROFILE && !baseline) console.log(`×${rate}`, await page.evaluate(PROFILE_JS));
    await context.close();
  }
  return out;
}
const doTti = PARTS.includes('tti');
const fast = doTti ? await tti(1) : [0];
const slow = doTti ? await tti(4) : [0];
const fastBase = doTti ? await tti(1, true) : [0];
const slowBase = doTti ? await tti(4, true) : [0];
await browser.close();
await web.close();
await fake.close();
t.close();

const baseline = rows[0] ?? { p95: 1 };
console.log(
  `machine: ${cpus().length} cores, Node ${process.version}; ${ARTICLES} articles, 2,001 sources, ${REQUESTS} requests per endpoint`,
);
console.log(
  `\nfirst load (gzip -9): JS ${weight.js} B + CSS ${weight.css} B = ${weight.js + weight.css} B (budget 102,400 B; ${((weight.js + weight.css) / 1024).toFixed(1)} KB); HTML ${weight.html} B; uncompressed JS+CSS ${weight.rawJsCss} B`,
);
if (rows.length)
  console.log('\n| endpoint | p50 ms | p95 ms | max ms | p95 vs ping |\n| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${f1(row.p50)} | ${f1(row.p95)} | ${f1(row.max)} | ×${(row.p95 / baseline.p95).toFixed(1)} |`,
  );
}
if (doTti) {
  console.log(
    '\n| Chromium, time to interactive | runs | app median ms | app max ms | baseline page median ms | app vs baseline |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const ttiRow = (name: string, app: number[], floor: number[]) =>
    console.log(
      `| ${name} | ${TTI_RUNS} | ${f1(pctl(app, 50))} | ${f1(Math.max(...app))} | ${f1(pctl(floor, 50))} | ×${(pctl(app, 50) / pctl(floor, 50)).toFixed(1)} |`,
    );
  ttiRow('unthrottled', fast, fastBase);
  ttiRow('CPU ×4 (mid-range phone)', slow, slowBase);
  console.log(`\nthrottled / unthrottled median: ×${(pctl(slow, 50) / pctl(fast, 50)).toFixed(1)}`);
}
