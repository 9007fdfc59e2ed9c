/**
 * npm run bench:queue — the delivery queue engine for several instances, measured before choosing
 * (issue: "measure both before choosing"): BullMQ on Redis against a PostgreSQL table claimed
 * with FOR UPDATE SKIP LOCKED, each worker a process of its own (bench/queue-worker.ts).
 *  1. unlimited: sends/s with 1, 2 and 3 workers, against today's single instance claiming rows
 *     of its SQLite outbox the same way;
 *  2. paced at 25/s by the shared Redis send gate (the one every reply also passes), and by
 *     BullMQ's own limiter: achieved rate and the most sends in any sliding second;
 *  3. a worker killed (-9) holding claimed jobs: how soon another worker sends them, lost ones.
 * Needs TEST_POSTGRES_URL and TEST_REDIS_URL (default: the local servers).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createTestDatabase } from '../test/support/postgres.ts';
import type { WorkerArgs, WorkerMessage } from './queue-worker.ts';

process.env.TEST_POSTGRES_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.JOBS ?? 3_000);
const PACED = Number(process.env.PACED_JOBS ?? 400);
const PARTS = (process.env.PARTS ?? 'unlimited,paced,kill').split(',');
const WORKER = fileURLToPath(new URL('./queue-worker.ts', import.meta.url));

const db = await createTestDatabase();
const sql = new pg.Pool({ connectionString: db.url, max: 2 });
await sql.query(`CREATE TABLE q (id bigserial PRIMARY KEY, chat_id bigint NOT NULL, item_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending', locked_until bigint NOT NULL DEFAULT 0)`);
await sql.query(`CREATE INDEX q_pending ON q (id) WHERE status <> 'sent'`);
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const runPrefix = `kxbench:${randomBytes(4).toString('hex')}:`;
let round = 0;
const sqlitePath = join(mkdtempSync(join(tmpdir(), 'kx-queue-')), 'outbox.sqlite');

type Engine = WorkerArgs['engine'] | 'sqlite';
interface Run {
  sends: Array<{ key: string; at: number }>;
  claimedByHung: string[];
  killedAt: number;
}

/** enqueues `n` jobs, runs `workers` processes until every job was sent once, then stops them */
async function run(engine: Engine, workers: number, n: number, opts: Partial<WorkerArgs> = {}) {
  const { hang, ...o } = opts;
  const prefix = `${runPrefix}${++round}:`;
  const keys = Array.from({ length: n }, (_, i) => `r${round}-${i}`);
  if (engine === 'bullmq') {
    const queue = new Queue('kxq', { connection: redis, prefix: prefix.slice(0, -1) });
    for (let i = 0; i < n; i += 500)
      await queue.addBulk(
        keys
          .slice(i, i + 500)
          .map((key, k) => ({ name: 's', data: { key, chatId: 1 + i + k }, opts: { jobId: key } })),
      );
    await queue.close();
  } else if (engine === 'sqlite') {
    const lite = new Database(sqlitePath);
    lite.exec(`DROP TABLE IF EXISTS q; CREATE TABLE q (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL,
      item_key TEXT NOT NULL UNIQUE, status TEXT NOT NULL DEFAULT 'pending')`);
    const add = lite.prepare('INSERT INTO q (chat_id, item_key) VALUES (?, ?)');
    lite.transaction(() => {
      for (const [i, key] of keys.entries()) add.run(i + 1, key);
    })();
    lite.close();
  } else if (engine === 'pg') {
    await sql.query('TRUNCATE q');
    await sql.query(
      `INSERT INTO q (chat_id, item_key) SELECT g, 'r${round}-' || (g - 1) FROM generate_series(1, $1) g`,
      [n],
    );
  }
  const out: Run = { sends: [], claimedByHung: [], killedAt: 0 };
  const unique = new Set<string>();
  const children: ChildProcess[] = [];
  let ready = 0;
  const count = workers + (hang ? 1 : 0);
  await new Promise<void>((done) => {
    for (let w = 0; w < count; w++) {
      const hung = hang && w === workers;
      const args: WorkerArgs = {
        engine: engine === 'sqlite' ? 'pg' : engine,
        gateRate: 0,
        bullLimitMs: 0,
        concurrency: 8,
        sendMs: 0,
        redisUrl: REDIS_URL,
        pgUrl: db.url,
        prefix,
        leaseMs: 3_000,
        ...o,
        ...(engine === 'sqlite' ? { sqlitePath } : {}),
        ...(hung ? { hang: true } : {}),
      };
      const child = fork(WORKER, [JSON.stringify(args)], { execArgv: ['--import', 'tsx'] });
      child.on('message', (m: WorkerMessage) => {
        if ('ready' in m) {
          if (++ready === count) for (const c of children) c.send('go');
        } else if ('claimed' in m) {
          out.claimedByHung.push(m.claimed);
          // killed as soon as it holds a full batch of claims, the worst moment to die
          if (out.claimedByHung.length === args.concurrency) {
            child.kill('SIGKILL');
            out.killedAt = Date.now();
          }
        } else if ('sent' in m) {
          out.sends.push({ key: m.sent, at: m.at });
          unique.add(m.sent);
          if (unique.size === n) done();
        }
      });
      children.push(child);
    }
  });
  for (const c of children) c.kill('SIGKILL');
  return out;
}

const rate = (r: Run) => {
  const at = r.sends.map((s) => s.at).sort((a, b) => a - b);
  return (at.length - 1) / (((at.at(-1) ?? 0) - (at[0] ?? 0)) / 1000 || 1);
};
/** the most sends in any one-second window */
const peak = (r: Run) => {
  const at = r.sends.map((s) => s.at).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < at.length; j++) {
    while ((at[j] ?? 0) - (at[i] ?? 0) >= 1000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
};

console.log(`machine: ${cpus().length} cores, Node ${process.version}; ${N} jobs unlimited, ${PACED} paced`);
if (PARTS.includes('unlimited'))
  console.log(
    '\n| unlimited (8 concurrent per worker) | workers | sends/s | vs SQLite, 1 instance |\n| --- | ---: | ---: | ---: |',
  );
const floor = PARTS.includes('unlimited') ? rate(await run('sqlite', 1, N)) : 0;
if (floor) console.log(`| SQLite outbox (baseline) | 1 | ${floor.toFixed(0)} | ×1.00 |`);
for (const engine of floor ? (['bullmq', 'pg'] as const) : []) {
  for (const w of [1, 2, 3]) {
    const r = rate(await run(engine, w, N));
    console.log(`| ${engine} | ${w} | ${r.toFixed(0)} | ×${(r / floor).toFixed(2)} |`);
  }
}

if (PARTS.includes('paced'))
  console.log(
    '\n| paced at 25/s | workers | achieved /s | most in any second | duplicates |\n| --- | ---: | ---: | ---: | ---: |',
  );
const paced: Array<[string, Engine, number, Partial<WorkerArgs>]> = [
  ['bullmq + Redis gate', 'bullmq', 1, { gateRate: 25 }],
  ['bullmq + Redis gate', 'bullmq', 3, { gateRate: 25 }],
  ['bullmq limiter {max 1, 40 ms}', 'bullmq', 3, { bullLimitMs: 40 }],
  ['pg SKIP LOCKED + Redis gate', 'pg', 1, { gateRate: 25 }],
  ['pg SKIP LOCKED + Redis gate', 'pg', 3, { gateRate: 25 }],
];
for (const [name, engine, w, o] of PARTS.includes('paced') ? paced : []) {
  const r = await run(engine, w, PACED, o);
  console.log(`| ${name} | ${w} | ${rate(r).toFixed(1)} | ${peak(r)} | ${r.sends.length - PACED} |`);
}

console.log(
  '\n| a worker killed holding 8 claims (lease 3 s) | first redelivered after ms | last after ms | lost | duplicates |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const engine of ['bullmq', 'pg'] as const) {
  const r = await run(engine, 2, 600, { sendMs: 20, hang: true });
  const after = r.claimedByHung.map((k) => (r.sends.find((s) => s.key === k)?.at ?? Number.NaN) - r.killedAt);
  const lost = after.filter((x) => Number.isNaN(x)).length;
  console.log(
    `| ${engine} | ${Math.min(...after)} | ${Math.max(...after)} | ${lost} | ${r.sends.length - 600} |`,
  );
}

await sql.end();
await db.drop();
const stale = await redis.keys(`${runPrefix}*`);
for (let i = 0; i < stale.length; i += 500) await redis.del(...stale.slice(i, i + 500));
await redis.quit();
