/**
 * npm run bench:fanout — issue 5's delivery figures, each against the fake Bot API running in
 * its own process: (1) one post to FANOUT_CHATS (default 2,500) chats with the fake limiting
 * at 30/s and SEND_RATE 25, (2) 10,000 chats with no limits anywhere, (3) memory with 10,000
 * chats and 100,000 outbox rows; baselines (a naive sequential sender) measured in the same run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { TELEGRAM_CHAT_LIMITS } from '../src/delivery/rate-limiter.ts';
import type { OutboxItem } from '../src/delivery/types.ts';
import { formatArticle } from '../src/present/push.ts';
import { addArticle, type Harness, makeHarness } from '../test/support/delivery-harness.ts';

type Stats = {
  messages: number;
  chats: number;
  firstAt: number;
  lastAt: number;
  retryAfters: number;
  violations: number;
  rejected: number;
  /** the fake's own CPU time since its start */
  cpuMs: number;
};

async function startFake(opts: object) {
  const child: ChildProcess = fork(new URL('./fanout-fake.ts', import.meta.url), [JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx'],
  });
  const [ready] = (await once(child, 'message')) as [{ apiRoot: string; token: string }];
  const ask = async <T>(cmd: string): Promise<T> => {
    child.send({ cmd });
    return ((await once(child, 'message')) as [T])[0];
  };
  return {
    api: { apiRoot: ready.apiRoot, token: ready.token },
    stats: () => ask<Stats>('stats'),
    async close() {
      child.send({ cmd: 'exit' });
      await once(child, 'exit');
    },
  };
}

const prod = (sendRate: number, concurrency?: number) => ({
  sendRate,
  chatLimits: TELEGRAM_CHAT_LIMITS,
  backoffBaseMs: 1000,
  backoffMaxMs: 300_000,
  idleMs: 200,
  sendTimeoutMs: 30_000,
  rollupHorizonMs: 60_000,
  concurrency,
});

/** `chats` private chats spread over `slugs` categories, one post per category. */
async function setup(h: Harness, chats: number, slugs: number) {
  // one transaction for the whole setup (the keyv store is synchronous SQLite underneath)
  h.storage.db.exec('BEGIN');
  for (let i = 0; i < chats; i++) {
    const id = 1_000_000 + i;
    await h.chats.ensure(id, { kind: 'private' });
    await h.chats.subscribe(id, [`cat${i % slugs}`], Date.now() - 60_000);
  }
  h.storage.db.exec('COMMIT');
  return Array.from({ length: slugs }, (_, s) => addArticle(h.articles, { category: `cat${s}` }));
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function run(name: string, fakeOpts: object, chats: number, slugs: number, rate: number) {
  const fake = await startFake(fakeOpts);
  const dir = mkdtempSync(join(tmpdir(), 'kx-bench-fanout-'));
  const h = await makeHarness({ dir, remote: fake.api, delivery: prod(rate) });
  const posts = await setup(h, chats, slugs);
  peakRss = process.memoryUsage().rss;
  const f0 = await fake.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await h.delivery.onNewArticles(posts);
  const fanMs = performance.now() - t0;
  h.delivery.start();
  await h.delivery.drain(900_000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = await fake.stats();
  const span = (s.lastAt - s.firstAt) / 1000;
  const result = {
    name,
    chats,
    delivered: s.messages,
    distinctChats: s.chats,
    fanOutMs: Math.round(fanMs),
    timeToLastS: +(wallMs / 1000).toFixed(1),
    ratePerS: +((s.messages - 1) / span).toFixed(1),
    retryAfters: s.retryAfters,
    violations: s.violations,
    rejected: s.rejected,
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    fakeCpuPct: Math.round(((s.cpuMs - f0.cpuMs) / wallMs) * 100),
    peakRss: mb(peakRss),
  };
  await h.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * The baseline: the same push message (HTML, link preview off, 全文 button), each sendMessage
 * awaited in turn; no outbox, no limiter, no retry_after handling.
 */
async function naive(fakeOpts: object, chats: number, seconds: number) {
  const fake = await startFake(fakeOpts);
  const tg = new Telegram(fake.api.token, { apiRoot: fake.api.apiRoot });
  const dir = mkdtempSync(join(tmpdir(), 'kx-bench-naive-'));
  const h = await makeHarness({ dir, fake: false });
  const chat = (await h.chats.ensure(1, { kind: 'private' }))!;
  const msg = formatArticle([addArticle(h.articles, { category: 'emnews' })], chat);
  let sent = 0;
  let errors429 = 0;
  const f0 = await fake.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < chats && performance.now() - t0 < seconds * 1000; i++) {
    try {
      await tg.sendMessage(2_000_000 + i, msg.text.value, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: [[{ text: '全文', callback_data: `read:${msg.readSeq}` }]] },
      });
      sent++;
    } catch (err) {
      if ((err as { code?: number }).code === 429) errors429++;
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = await fake.stats();
  await fake.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    sent,
    errors429,
    violations: s.violations,
    ratePerS: +(sent / (wallMs / 1000)).toFixed(1),
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    fakeCpuPct: Math.round(((s.cpuMs - f0.cpuMs) / wallMs) * 100),
  };
}

async function memory(chats: number, rows: number) {
  const fake = await startFake({ rateLimits: false });
  const dir = mkdtempSync(join(tmpdir(), 'kx-bench-mem-'));
  const h = await makeHarness({ dir, remote: fake.api, delivery: prod(Number.POSITIVE_INFINITY) });
  const [post] = await setup(h, chats, 10);
  const before = process.memoryUsage().rss;
  const items: OutboxItem[] = [];
  for (let i = 0; i < rows; i++) {
    const chatId = 1_000_000 + (i % chats);
    items.push({ chatId, key: `a:m${i}`, kind: 'article', payload: { story: '', seq: post!.seq } });
  }
  const t0 = performance.now();
  await h.delivery.enqueue(items);
  const enqueueMs = performance.now() - t0;
  items.length = 0;
  peakRss = process.memoryUsage().rss;
  h.delivery.start();
  await new Promise((r) => setTimeout(r, 5000));
  await h.delivery.stop();
  const s = await h.delivery.stats();
  await h.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    chats,
    rows,
    enqueueMs: Math.round(enqueueMs),
    rssBefore: mb(before),
    peakRssWhileSending: mb(peakRss),
    sentIn5s: s.sent,
    heapUsed: mb(process.memoryUsage().heapUsed),
  };
}

// 2,500 keeps the run near 3 minutes (the limited phase alone is CHATS / 25 s); FANOUT_CHATS=5000 for the figure
const CHATS = Number(process.env['FANOUT_CHATS'] ?? 2500);
const limited = { rateLimits: { globalPerSecond: 30, globalBurst: 30 } };
console.log(`machine: ${(await import('node:os')).cpus().length} cores, Node ${process.version}`);
/** PARTS=memory (or limited,unlimited,memory) runs only those phases; all by default */
const PARTS = (process.env['PARTS'] ?? 'limited,unlimited,memory').split(',');
if (PARTS.includes('limited')) {
  console.log('baseline, naive sequential sender vs fake at 30/s (10 s):', await naive(limited, 100_000, 10));
  console.log('ours, SEND_RATE 25 vs fake at 30/s:', await run('limited', limited, CHATS, 1, 25));
}
if (PARTS.includes('unlimited')) {
  console.log(
    'baseline, naive sequential sender, no limits (10 s):',
    await naive({ rateLimits: false }, 100_000, 10),
  );
  console.log(
    'ours, SEND_RATE unlimited, fake unlimited:',
    await run('unlimited', { rateLimits: false }, 10_000, 10, Number.POSITIVE_INFINITY),
  );
}
if (PARTS.includes('memory')) console.log('memory:', await memory(10_000, 100_000));
clearInterval(sampler);
