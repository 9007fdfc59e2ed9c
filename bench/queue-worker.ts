/**
 * One "instance" of bench/queue.ts, in its own process so that several compete as real
 * instances do: it takes jobs from BullMQ or from a PostgreSQL table with FOR UPDATE SKIP
 * LOCKED, optionally waits for a turn at the shared Redis send gate, "sends" (a fixed pause
 * standing in for the Bot API call) and reports every send to the parent over IPC.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { RedisSendGate } from '../src/storage/redis/rate-limiter.ts';

export interface WorkerArgs {
  engine: 'bullmq' | 'pg';
  /** paced by the shared Redis gate at this many messages/s; 0 = unlimited */
  gateRate: number;
  /** BullMQ's own limiter instead: one job per this many ms across workers; 0 = none */
  bullLimitMs: number;
  concurrency: number;
  sendMs: number;
  redisUrl: string;
  pgUrl: string;
  prefix: string;
  /** how long a claim (PG row lease, BullMQ job lock) outlives a dead worker */
  leaseMs: number;
  /** the baseline: today's single instance, claiming rows of this SQLite file */
  sqlitePath?: string;
  /** claims jobs and never finishes them: the worker the bench kills */
  hang?: boolean;
}

export type WorkerMessage =
  | { sent: string; at: number; worker: string }
  | { claimed: string }
  | { ready: true };

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
const me = randomBytes(3).toString('hex');
const redis = new Redis(args.redisUrl, { maxRetriesPerRequest: null });
const gate =
  args.gateRate > 0
    ? new RedisSendGate({
        redis: redis.duplicate(),
        prefix: args.prefix,
        rate: args.gateRate,
      })
    : undefined;

async function send(key: string, chatId: number): Promise<void> {
  if (args.hang) {
    process.send?.({ claimed: key } satisfies WorkerMessage);
    return new Promise(() => {});
  }
  // paced sends are timed by the gate's grant (one clock for every worker), others by this one
  const granted = gate ? await gate.acquire(chatId, 'push') : Date.now();
  if (args.sendMs) await sleep(args.sendMs);
  process.send?.({ sent: key, at: granted, worker: me } satisfies WorkerMessage);
}

// every worker starts at the parent's word, so process start-up is not measured as queue time
await new Promise<void>((go) => {
  process.once('message', () => go());
  process.send?.({ ready: true } satisfies WorkerMessage);
});
if (args.sqlitePath) {
  const db = new Database(args.sqlitePath);
  db.pragma('journal_mode = WAL');
  const claim = db.prepare(`UPDATE q SET status = 'sending' WHERE id =
    (SELECT id FROM q WHERE status = 'pending' ORDER BY id LIMIT 1) RETURNING id, item_key, chat_id`);
  const done = db.prepare(`UPDATE q SET status = 'sent' WHERE id = ?`);
  const loop = async () => {
    for (;;) {
      const row = claim.get() as { id: number; item_key: string; chat_id: number } | undefined;
      if (!row) return;
      await send(row.item_key, row.chat_id);
      done.run(row.id);
    }
  };
  for (let i = 0; i < args.concurrency; i++) void loop();
} else if (args.engine === 'bullmq') {
  new Worker<{ key: string; chatId: number }>('kxq', async (job) => send(job.data.key, job.data.chatId), {
    connection: redis,
    prefix: args.prefix.slice(0, -1),
    concurrency: args.concurrency,
    lockDuration: args.leaseMs,
    stalledInterval: Math.max(500, Math.floor(args.leaseMs / 2)),
    removeOnComplete: { count: 0 },
    ...(args.bullLimitMs ? { limiter: { max: 1, duration: args.bullLimitMs } } : {}),
  });
} else {
  const pool = new pg.Pool({ connectionString: args.pgUrl, max: args.concurrency });
  // a row is claimed with a lease; a dead worker's claims are taken again once it runs out
  const claim = `UPDATE q SET status = 'sending', locked_until = $1 + ${args.leaseMs}
    WHERE id = (SELECT id FROM q WHERE status = 'pending' OR (status = 'sending' AND locked_until < $1)
                ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id, item_key, chat_id`;
  const loop = async () => {
    for (;;) {
      const { rows } = await pool.query(claim, [Date.now()]);
      const row = rows[0] as { id: string; item_key: string; chat_id: number } | undefined;
      if (!row) {
        await sleep(20);
        continue;
      }
      await send(row.item_key, row.chat_id);
      await pool.query(`UPDATE q SET status = 'sent' WHERE id = $1`, [row.id]);
    }
  };
  for (let i = 0; i < args.concurrency; i++) void loop();
}
