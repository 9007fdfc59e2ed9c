import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { startScheduler } from '../../src/scheduler.ts';
import { holdLease, redisShouldRun } from '../../src/storage/redis/lease.ts';
import { createTestRedis } from '../support/redis.ts';

const r = createTestRedis();
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await r.cleanup();
});

const log = createLogger({ level: 'silent', secrets: [] });
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('leases on Redis', () => {
  it('three schedulers of one bot run each tick of a job once between them', async () => {
    const runs: Array<{ instance: number; slot: number }> = [];
    const schedulers = [0, 1, 2].map((instance) =>
      startScheduler(
        [
          {
            name: 'poll',
            cron: '* * * * * *',
            run: async () => void runs.push({ instance, slot: Math.round(Date.now() / 1000) }),
          },
        ],
        log,
        'UTC',
        { shouldRun: redisShouldRun(r.connect(), `${r.prefix}jobs:`), leaseMs: 10_000 },
      ),
    );
    await sleep(3_300);
    for (const s of schedulers) await s.stop();
    const slots = runs.map((x) => x.slot);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('without a lease store, a tick runs on every instance (the single-instance default)', async () => {
    const slots: number[] = [];
    const run = async () => void slots.push(Math.round(Date.now() / 1000));
    const schedulers = [0, 1].map(() =>
      startScheduler([{ name: 'poll', cron: '* * * * * *', run }], log, 'UTC'),
    );
    await sleep(1_300);
    for (const s of schedulers) await s.stop();
    expect(new Set(slots).size).toBeLessThan(slots.length);
  });

  it('one receiver at a time; when it is killed another takes over within the ttl', async () => {
    const child = fileURLToPath(new URL('./lease-child.ts', import.meta.url));
    const lines: string[] = [];
    const start = () => {
      const c = spawn(process.execPath, ['--import', 'tsx', child, r.url, `${r.prefix}rx:`, '1500'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      c.stdout?.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n')));
      children.push(c);
      return c;
    };
    const procs = [start(), start(), start()];
    const until = async (pred: () => boolean, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timed out; saw ${lines.join(' | ')}`);
        await sleep(25);
      }
    };
    const holders = () => lines.filter((l) => l.startsWith('acquired')).map((l) => Number(l.split(' ')[1]));
    await until(() => lines.filter((l) => l.startsWith('ready')).length === 3 && holders().length === 1);
    await sleep(2_000);
    // nobody else got it while the first holder lived
    expect(holders()).toHaveLength(1);
    const first = holders()[0]!;
    procs.find((p) => p.pid === first)!.kill('SIGKILL');
    await until(() => holders().length === 2);
    const second = holders()[1]!;
    expect(second).not.toBe(first);
    procs.find((p) => p.pid === second)!.kill('SIGKILL');
    await until(() => holders().length === 3);
    expect(new Set(holders()).size).toBe(3);
  }, 60_000);

  it('hands over at once on a clean stop, and never renews a lease it lost', async () => {
    const events: string[] = [];
    const prefix = `${r.prefix}handover:`;
    const mk = (name: string) =>
      holdLease({
        redis: r.connect(),
        prefix,
        name: 'receiver',
        ttlMs: 3_000,
        onAcquired: () => void events.push(`${name} acquired`),
        onLost: () => void events.push(`${name} lost`),
      });
    const a = mk('a');
    await sleep(200);
    const b = mk('b');
    await sleep(200);
    expect(a.held).toBe(true);
    expect(b.held).toBe(false);
    const redis = r.connect();
    await a.stop();
    // released, not left to expire: b's next check (every ttl/3) wins it
    expect(await redis.exists(`${prefix}lease:receiver`)).toBe(0);
    const end = Date.now() + 5_000;
    while (!b.held && Date.now() < end) await sleep(50);
    expect(b.held).toBe(true);
    // someone else's key: b loses on its next renewal instead of extending it
    await redis.set(`${prefix}lease:receiver`, 'intruder', 'PX', 30_000);
    const end2 = Date.now() + 5_000;
    while (b.held && Date.now() < end2) await sleep(50);
    expect(events).toEqual(['a acquired', 'b acquired', 'b lost']);
    expect(await redis.get(`${prefix}lease:receiver`)).toBe('intruder');
    await b.stop();
  }, 20_000);
});
