/**
 * Several `kuaixun run` processes of one bot (issue 13), as an operator runs them: real child
 * processes sharing the fake Bot API, a served site, one PostgreSQL database and one Redis key
 * prefix, each with its own REPLICA_PATH and METRICS_PORT. Children, not in-process apps, so
 * kill -9 means what it means in production: no finally block, no lease given back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram/index.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { createTestRedis } from './redis.ts';
import { type SiteServer, startSiteServer } from './site-server.ts';

const BIN = fileURLToPath(new URL('../../bin/kuaixun.js', import.meta.url));
/** what the receiver logs each time it starts long polling (src/telegram/receiver.ts) */
export const RECEIVING = 'receiver lease held';

export interface Instance {
  name: string;
  proc: ChildProcess;
  /** stdout and stderr, line by line (pino JSON); also in `<dir>/<name>.log` */
  lines: string[];
  env: Record<string, string>;
  exited: Promise<void>;
  alive(): boolean;
}

export interface InstancesOptions {
  /** 'postgres' (default): STORAGE_URL is a fresh database; 'sqlite': a file per instance */
  storage?: 'postgres' | 'sqlite';
  /** where the instances reach PostgreSQL (a proxy in front of the test database); default the database itself */
  postgresUrl?: (db: TestDatabase) => string;
  /** a Redis of the test's own (restart tests); default TEST_REDIS_URL */
  redisUrl?: string;
  fake?: FakeTelegramOptions;
  /** env every instance gets on top of the defaults */
  env?: Record<string, string>;
}

export interface Instances {
  fake: FakeTelegram;
  site: SiteServer;
  /** absent with storage 'sqlite' */
  db: TestDatabase | undefined;
  redisUrl: string;
  prefix: string;
  dir: string;
  all: Instance[];
  /** starts (or, under a used name, restarts) one instance; `env` overrides the shared env */
  start(name: string, env?: Record<string, string>): Promise<Instance>;
  /** kill -9, then waits for the process to be gone */
  kill(i: Instance): Promise<void>;
  /** the live instance that most recently said it holds the receiver lease */
  receiver(): Instance | undefined;
  /** every instance's log, for a failure message (the last `tail` lines of each) */
  logs(tail?: number): string;
  /** kills what runs, closes the servers, drops the database and the Redis keys; always all of it */
  cleanup(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startInstances(opts: InstancesOptions = {}): Promise<Instances> {
  const storage = opts.storage ?? 'postgres';
  const redis = createTestRedis();
  const redisUrl = opts.redisUrl ?? redis.url;
  const dir = mkdtempSync(join(tmpdir(), 'kx-instances-'));
  const db = storage === 'postgres' ? await createTestDatabase() : undefined;
  const fake = await startFakeTelegram(opts.fake);
  const site = await startSiteServer();
  const all: Instance[] = [];
  const files: WriteStream[] = [];
  const prefix = `${redis.prefix}bot:`;

  const envOf = async (name: string): Promise<Record<string, string>> => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    SITE_URL: site.url,
    STORAGE_URL: db ? (opts.postgresUrl?.(db) ?? db.url) : `sqlite://${join(dir, `${name}.sqlite`)}`,
    // each instance's local search replica of the shared archive
    REPLICA_PATH: join(dir, `${name}-replica.sqlite`),
    METRICS_PORT: String(await freePort()),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    // jobs fire on 1 January unless the test asks for ticks
    POLL_CRON: '0 0 1 1 *',
    DIGEST_CRON: '0 0 1 1 *',
    PRUNE_CRON: '0 0 1 1 *',
    // RECEIVER_LEASE stays at its default (6 s): failover is measured as operators would see it
    LOG_LEVEL: 'info',
    ...opts.env,
  });

  const start = async (name: string, env: Record<string, string> = {}): Promise<Instance> => {
    const full = { ...(await envOf(name)), ...env };
    // cwd is the temp dir: no .env of the developer's is read
    const proc = spawn(process.execPath, [BIN, 'run'], {
      cwd: dir,
      env: full,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const file = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
    files.push(file);
    const lines: string[] = [];
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let rest = '';
      stream?.on('data', (d: Buffer) => {
        file.write(d);
        const parts = (rest + d.toString()).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      });
    };
    collect(proc.stdout);
    collect(proc.stderr);
    const exited = new Promise<void>((res) => proc.once('exit', () => res()));
    const i: Instance = {
      name,
      proc,
      lines,
      env: full,
      exited,
      alive: () => proc.exitCode === null && proc.signalCode === null,
    };
    const old = all.findIndex((x) => x.name === name);
    if (old >= 0) all.splice(old, 1, i);
    else all.push(i);
    await waitReady(i);
    return i;
  };

  return {
    fake,
    site,
    db,
    redisUrl,
    prefix,
    dir,
    all,
    start,
    async kill(i) {
      i.proc.kill('SIGKILL');
      await i.exited;
    },
    receiver() {
      const last = (i: Instance) => i.lines.findLastIndex((l) => l.includes(RECEIVING));
      const holders = all.filter((i) => i.alive() && last(i) >= 0);
      return holders.sort((a, b) => lastTime(b) - lastTime(a))[0];
    },
    logs: (tail = 40) => all.map((i) => `--- ${i.name}\n${i.lines.slice(-tail).join('\n')}`).join('\n'),
    async cleanup() {
      // every step runs whatever the one before did: a leaked database outlives the run
      const steps: Array<() => Promise<unknown>> = [
        async () => {
          for (const i of all) if (i.alive()) i.proc.kill('SIGKILL');
          await Promise.all(all.map((i) => i.exited));
        },
        () => fake.close(),
        () => site.close(),
        async () => db?.drop(),
        () => redis.cleanup(),
        async () => {
          for (const f of files) f.end();
          if (!process.env.KEEP_INSTANCE_LOGS) rmSync(dir, { recursive: true, force: true });
        },
      ];
      const errors: unknown[] = [];
      for (const step of steps) await step().catch((e: unknown) => errors.push(e));
      if (errors.length) throw new AggregateError(errors, 'instances cleanup');
    },
  };
}

/** epoch ms of the instance's last "receiver lease held" line (pino's `time`) */
function lastTime(i: Instance): number {
  const line = i.lines.findLast((l) => l.includes(RECEIVING)) ?? '';
  return Number(/"time":(\d+)/.exec(line)?.[1] ?? 0);
}

/** Ready when its health endpoint answers: startApp opens it last, after getMe and the menus. */
async function waitReady(i: Instance, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!i.alive()) throw new Error(`instance ${i.name} exited while starting:\n${i.lines.join('\n')}`);
    const ok = await fetch(`http://127.0.0.1:${i.env.METRICS_PORT}/healthz`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`instance ${i.name} not ready in ${timeoutMs} ms:\n${i.lines.join('\n')}`);
}
