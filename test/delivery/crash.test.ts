import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addChat, makeHarness } from '../support/delivery-harness.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const CHATS = 300;
const CONCURRENCY = 12;

let fake: FakeTelegram | undefined;
let dir = '';
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(phase: 'fanout' | 'resume'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, fake!.apiRoot, fake!.token, phase], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

describe('crash safety', () => {
  it('kill -9 half-way through a fan-out to 300 chats: none missing, duplicates ≤ the concurrency', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kx-crash-'));
    fake = await startFakeTelegram({ rateLimits: false });
    const setup = await makeHarness({ dir, fake: false });
    const ids = Array.from({ length: CHATS }, (_, i) => 10_000 + i);
    for (const id of ids) await addChat(setup.chats, id, ['emnews']);
    await setup.close();

    // every send is slow and then carried out, so a dozen are in flight at the kill and land
    // after it: the worst case for duplicates
    fake.failRandomly('sendMessage', 1, { kind: 'hang', ms: 40 });
    const first = run('fanout');
    let stderr = '';
    first.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    await fake
      .waitFor(() => fake!.messages().length >= CHATS / 2, 30_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}\nchild stderr: ${stderr}`);
      });
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = fake.messages().length;
    expect(atKill).toBeLessThan(CHATS);

    const db = new Database(join(dir, 'kx.sqlite'));
    const inFlight = db
      .prepare("SELECT COUNT(*) FROM outbox WHERE status = 'sending'")
      .pluck()
      .get() as number;
    db.close();
    expect(inFlight).toBeLessThanOrEqual(CONCURRENCY);

    const second = run('resume');
    const [code] = await once(second, 'exit');
    expect(code).toBe(0);

    const perChat = new Map<number, number>();
    for (const m of fake.messages()) perChat.set(Number(m.chatId), (perChat.get(Number(m.chatId)) ?? 0) + 1);
    for (const id of ids) expect(perChat.get(id) ?? 0, `chat ${id}`).toBeGreaterThanOrEqual(1);
    const duplicates = fake.messages().length - CHATS;
    expect(duplicates).toBeLessThanOrEqual(Math.min(CONCURRENCY, inFlight));
    const after = new Database(join(dir, 'kx.sqlite'));
    const open = after.prepare("SELECT COUNT(*) FROM outbox WHERE status != 'sent'").pluck().get();
    after.close();
    expect(open).toBe(0);
  }, 60_000);
});
