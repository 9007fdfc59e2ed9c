import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { createDelivery } from '../../src/delivery/index.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { until } from '../support/app-harness.ts';
import { buildTestDeps } from '../support/test-deps.ts';
import { archivedWithSubscriber, crashWorld } from './crash-world.ts';

const CHILD = fileURLToPath(new URL('./poll-child.ts', import.meta.url));
const CHAT = 7301;

const world = crashWorld();

function child(dir: string, mode: string) {
  const p = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, world.site.url, mode], { stdio: 'pipe' });
  let out = '';
  p.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exit = new Promise<NodeJS.Signals | number | null>((r) =>
    p.on('exit', (code, sig) => r(sig ?? code)),
  );
  return { p, exit, out: () => out };
}

/** Restart on the same file with the real delivery; returns the links the chat received. */
async function restartAndDeliver(dir: string) {
  const t = buildTestDeps({
    dir,
    siteUrl: world.site.url,
    env: { TELEGRAM_API_ROOT: world.fake.apiRoot },
    // Telegram's limits scaled down 50×: the fake is unlimited here, the order of events is what counts
    delivery: (base) =>
      createDelivery(base, pushRenderer, {
        chatLimits: { private: { max: 1, windowMs: 20 }, group: { max: 5, windowMs: 500 } },
      }),
  });
  const mark = world.fake.mark();
  const report = await poll(t.deps);
  t.deps.delivery.start();
  await t.deps.delivery.drain(60_000);
  await t.deps.delivery.stop();
  const urls = world.fake
    .messages(CHAT)
    .filter((m) => m.seq > mark)
    .flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url ?? ''))
    .filter((u) => u.includes('/emnews/'));
  const fresh = t.sqlite.articles.latest({ categories: ['emnews'], limit: 100 }).length;
  t.close({ remove: true });
  return { report, urls, fresh };
}

describe('kill -9 during a poll', () => {
  it('between storing the posts and handing them to delivery: the next tick announces them, once', async () => {
    const dir = await archivedWithSubscriber(world.site, CHAT);
    const c = child(dir, 'kill-at-fanout');
    expect(await c.exit).toBe('SIGKILL');
    const { urls, fresh, report } = await restartAndDeliver(dir);
    expect(report.stored).toBe(0);
    expect(fresh).toBe(53 - 1);
    expect(urls).toHaveLength(28);
    expect(new Set(urls).size).toBe(28);
  });

  it('while post pages are being fetched: nothing half-stored, everything stored and announced after restart', async () => {
    const dir = await archivedWithSubscriber(world.site, CHAT);
    world.site.clearLog();
    world.site.fault('*', 'slow');
    const c = child(dir, 'plain');
    await until(
      () => world.site.log.filter((r) => /\/emnews\/2021\//.test(r.path)).length >= 3,
      'post fetches',
    );
    c.p.kill('SIGKILL');
    expect(await c.exit).toBe('SIGKILL');
    world.site.clearFaults();
    const { urls, report } = await restartAndDeliver(dir);
    expect(report.stored).toBe(28);
    expect(urls.sort()).toEqual([...new Set(urls)].sort());
    expect(urls).toHaveLength(28);
  });
});
