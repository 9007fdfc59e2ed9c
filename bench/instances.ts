/**
 * npm run bench:instances — issue 13's figures with real `kuaixun run` processes
 * (test/support/instances.ts), one new post fanned out to BENCH_CHATS (default 5,000) chats:
 *  a. at SEND_RATE 25 against the fake enforcing Telegram's limits, 1 and 3 instances on
 *     PostgreSQL + Redis: achieved rate ÷ SEND_RATE, 429s;
 *  b. unlimited (fake limits off, SEND_RATE unlimited): messages/s with 1, 2 and 3 instances on
 *     PostgreSQL + Redis against one SQLite instance, measured in the same run.
 * Chats subscribe through /subscribe commands to an unlimited fake first (fast, and the same on
 * every store). Needs TEST_POSTGRES_URL and TEST_REDIS_URL (default: the local servers);
 * BENCH_STORAGE=sqlite runs the "PostgreSQL" rows on a SQLite file per instance (harness check).
 */
import { cpus } from 'node:os';
import { type FakeTelegram, startFakeTelegram } from '../test/support/fake-telegram/index.ts';
import { commandAll, users } from '../test/support/fan-out-check.ts';
import { type GeneratedSite, generatedSite } from '../test/support/generated-site.ts';
import { type Instances, sleep, startInstances } from '../test/support/instances.ts';

process.env.TEST_POSTGRES_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';
const CHATS = Number(process.env.BENCH_CHATS ?? 5_000);
const SHARED = process.env.BENCH_STORAGE === 'sqlite' ? 'sqlite' : 'postgres';
const PARTS = (process.env.PARTS ?? 'limited,unlimited').split(',');
const TICK = '*/2 * * * * *';
const UNLIMITED = { SEND_RATE: 'unlimited', PAID_BROADCAST: 'true' };

interface Row {
  run: string;
  store: string;
  instances: number;
  sendRate: string;
  delivered: number;
  seconds: number;
  perSecond: number;
  ofSendRate: string;
  retryAfters: number;
}

/** A group of instances on one store, its chats subscribed; the fake it was built with is unlimited. */
async function group(storage: 'postgres' | 'sqlite'): Promise<{ xs: Instances; site: GeneratedSite }> {
  const xs = await startInstances({
    storage,
    fake: { rateLimits: false },
    env: { POLL_CRON: TICK, USER_RATE_LIMIT: '1000', LOG_LEVEL: 'warn', ...UNLIMITED },
  });
  const site = generatedSite(xs.site, 5);
  const seeder = await xs.start('a');
  await sleep(3_000);
  const t0 = performance.now();
  // in slices: the fake answers getUpdates 100 at a time anyway, and waiters stay few
  for (let i = 0; i < CHATS; i += 1_000) {
    await commandAll(xs.fake, users(Math.min(1_000, CHATS - i), 700_000 + i), 'subscribe', 'emnews', 120_000);
  }
  console.error(`${storage}: ${CHATS} chats subscribed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await xs.kill(seeder);
  return { xs, site };
}

/** `n` instances against `fake`, one new post, until every chat has it (or sending stalls 60 s). */
async function fanOut(
  g: { xs: Instances; site: GeneratedSite },
  fake: FakeTelegram,
  n: number,
  env: Record<string, string>,
  label: { run: string; store: string; sendRate: string },
): Promise<Row> {
  const { xs, site } = g;
  const running = await Promise.all(
    ['a', 'b', 'c'].slice(0, n).map((name) => xs.start(name, { TELEGRAM_API_ROOT: fake.apiRoot, ...env })),
  );
  await sleep(3_000);
  const mark = fake.mark();
  const from = 700_000;
  const mine = (c: { seq: number; method: string; chatId?: number }) =>
    c.seq > mark && c.method === 'sendMessage' && (c.chatId ?? 0) >= from && (c.chatId ?? 0) < from + CHATS;
  site.add(1);
  let last = 0;
  let movedAt = Date.now();
  for (;;) {
    const n = fake.calls.filter((c) => mine(c) && c.state === 'ok').length;
    if (n >= CHATS) break;
    if (n !== last) [last, movedAt] = [n, Date.now()];
    else if (Date.now() - movedAt > 60_000) break;
    await sleep(200);
  }
  const ok = fake.calls.filter((c) => mine(c) && c.state === 'ok');
  const seconds = ok.length > 1 ? (ok.at(-1)!.time - ok[0]!.time) / 1000 : 0;
  const perSecond = seconds ? (ok.length - 1) / seconds : 0;
  const rate = Number(env.SEND_RATE);
  for (const i of running) await xs.kill(i);
  return {
    ...label,
    instances: n,
    delivered: new Set(ok.map((c) => c.chatId)).size,
    seconds: +seconds.toFixed(1),
    perSecond: +perSecond.toFixed(1),
    ofSendRate: Number.isFinite(rate) ? (perSecond / rate).toFixed(2) : '—',
    retryAfters: fake.calls.filter((c) => mine(c) && c.errorCode === 429).length,
  };
}

const rows: Row[] = [];
const shared = await group(SHARED);
const sharedStore = SHARED === 'postgres' ? 'PostgreSQL + Redis' : 'SQLite per instance + Redis';
try {
  if (PARTS.includes('limited')) {
    // Telegram's limits as the fake enforces them: 30/s for the bot, 1/s per private chat
    const limited = await startFakeTelegram();
    for (const n of [1, 3]) {
      const label = { run: 'a. SEND_RATE', store: sharedStore, sendRate: '25' };
      rows.push(await fanOut(shared, limited, n, { SEND_RATE: '25', PAID_BROADCAST: 'false' }, label));
      console.error(rows.at(-1));
    }
    await limited.close();
  }
  if (PARTS.includes('unlimited')) {
    for (const n of [1, 2, 3]) {
      const label = { run: 'b. unlimited', store: sharedStore, sendRate: 'unlimited' };
      rows.push(await fanOut(shared, shared.xs.fake, n, UNLIMITED, label));
      console.error(rows.at(-1));
    }
  }
} finally {
  await shared.xs.cleanup();
}
if (PARTS.includes('unlimited')) {
  // the baseline: today's single instance, its own SQLite file, no Redis
  const lone = await group('sqlite');
  try {
    const label = { run: 'b. unlimited', store: 'SQLite, one instance', sendRate: 'unlimited' };
    rows.push(await fanOut(lone, lone.xs.fake, 1, { ...UNLIMITED, REDIS_URL: '' }, label));
  } finally {
    await lone.xs.cleanup();
  }
}

console.log(`\nmachine: ${cpus().length} cores, Node ${process.version}; ${CHATS} chats, one post\n`);
console.log(
  '| run | store | instances | SEND_RATE | chats reached | s first→last | messages/s | ÷ SEND_RATE | 429s |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.run} | ${r.store} | ${r.instances} | ${r.sendRate} | ${r.delivered} | ${r.seconds} | ${r.perSecond} | ${r.ofSendRate} | ${r.retryAfters} |`,
  );
}
