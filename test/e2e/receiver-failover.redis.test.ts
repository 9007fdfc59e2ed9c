import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../support/app-harness.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { createTestRedis } from '../support/redis.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';
import { command, privateChat, user } from '../support/updates.ts';

const BIN = fileURLToPath(new URL('../../bin/kuaixun.js', import.meta.url));
const HOLDING = 'receiver lease held';

const r = createTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'kx-receiver-'));
let fake: FakeTelegram | undefined;
let site: SiteServer | undefined;
const instances: Instance[] = [];

interface Instance {
  name: string;
  proc: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

afterAll(async () => {
  for (const i of instances) {
    if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill('SIGTERM');
    await i.exited;
  }
  await fake?.close();
  await site?.close();
  await r.cleanup();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** `kuaixun run` as a real process: its own SQLite file, the shared Redis prefix, the fake Bot API. */
function startInstance(name: string, f: FakeTelegram, s: SiteServer): Instance {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BOT_TOKEN: f.token,
    TELEGRAM_API_ROOT: f.apiRoot,
    SITE_URL: s.url,
    STORAGE_URL: `sqlite://${join(dir, `${name}.sqlite`)}`,
    // the jobs don't matter here; they'd fire on 1 January only
    POLL_CRON: '0 0 1 1 *',
    DIGEST_CRON: '0 0 1 1 *',
    REDIS_URL: r.url,
    REDIS_PREFIX: `${r.prefix}bot:`,
    // short, so the failover below takes seconds, not the default's
    RECEIVER_LEASE: '3s',
    LOG_LEVEL: 'info',
  };
  // cwd is the temp dir: no .env of the developer's is read
  const proc = spawn(process.execPath, [BIN, 'run'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let rest = '';
  proc.stdout?.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr?.on('data', (d: Buffer) => lines.push(d.toString()));
  const exited = new Promise((res) => proc.on('exit', res));
  const i = { name, proc, lines, exited };
  instances.push(i);
  return i;
}

const polls = (i: Instance) => i.lines.filter((l) => l.includes(HOLDING)).length;
const started = (i: Instance) => i.lines.some((l) => l.includes('coordination: redis'));
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('several instances in long polling mode (REDIS_URL)', () => {
  it('one polls at a time; after kill -9 of it another answers within 30 s', async () => {
    fake = await startFakeTelegram();
    site = await startSiteServer({ snapshot: 's3-2022-03-15' });
    const a = startInstance('a', fake, site);
    const b = startInstance('b', fake, site);
    const both = [a, b];
    const say = () => both.map((i) => `${i.name}: ${i.lines.join('\n')}`).join('\n---\n');
    await until(() => both.every(started), `both instances started\n${say()}`, 60_000);
    await until(() => both.some((i) => polls(i) > 0), 'a receiver', 30_000);

    // steady state: a few lease periods pass with one poller and no 409 between them
    await sleep(5_000);
    const receivers = both.filter((i) => polls(i) > 0);
    expect(receivers.map((i) => i.name)).toHaveLength(1);
    expect(fake.rejected({ method: 'getUpdates' })).toEqual([]);
    const first = receivers[0]!;
    const survivor = first === a ? b : a;
    const alice = user(81_001);
    let mark = fake.mark();
    fake.injectUpdate(command(privateChat(alice), alice, 'start'));
    await fake.waitForSent(alice.id, (m) => m.method === 'sendMessage', {
      afterSeq: mark,
      timeoutMs: 30_000,
    });

    first.proc.kill('SIGKILL');
    await first.exited;
    const bob = user(81_002);
    mark = fake.mark();
    fake.injectUpdate(command(privateChat(bob), bob, 'help'));
    const reply = await fake.waitForSent(bob.id, (m) => m.method === 'sendMessage', {
      afterSeq: mark,
      timeoutMs: 30_000,
    });
    expect(reply.plainText).toMatch(/\/start|\/sub/);
    expect(polls(survivor)).toBeGreaterThan(0);
    // the dead receiver's held getUpdates went with its connection: no conflict on takeover
    expect(fake.rejected({ method: 'getUpdates' })).toEqual([]);
  }, 120_000);
});
