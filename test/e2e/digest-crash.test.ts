import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDelivery } from '../../src/delivery/index.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { buildTestDeps } from '../support/test-deps.ts';
import { archivedWithSubscriber, crashWorld } from './crash-world.ts';

const CHILD = fileURLToPath(new URL('./digest-child.ts', import.meta.url));
const CHAT = 7401;

const world = crashWorld();

describe('kill -9 during a digest', () => {
  it('while the digest is being sent: after restart it arrives once, and the cursor moves only then', async () => {
    const dir = await archivedWithSubscriber(world.site, CHAT, { mode: 'digest' }, true);
    const check = buildTestDeps({ dir, siteUrl: world.site.url });
    const newest = check.sqlite.articles.maxSeq();
    check.close();

    const hang = world.fake.addFault({
      method: 'sendMessage',
      chatId: CHAT,
      times: 1,
      fault: { kind: 'hang' },
    });
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      CHILD,
      dir,
      world.site.url,
      world.fake.apiRoot,
      String(CHAT),
    ]);
    const exit = new Promise((r) => child.on('exit', (_c, sig) => r(sig)));
    await world.fake.waitFor((c) => c.method === 'sendMessage' && c.chatId === CHAT, 20_000);
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(hang.hits).toBe(1);
    expect(world.fake.messages(CHAT)).toHaveLength(0);

    const again = buildTestDeps({
      dir,
      siteUrl: world.site.url,
      env: { TELEGRAM_API_ROOT: world.fake.apiRoot },
      delivery: (base) => createDelivery(base, pushRenderer),
    });
    expect((await again.deps.chats.get(CHAT))!.digestCursor).toBeLessThan(newest);
    again.deps.delivery.start();
    await again.deps.delivery.drain(30_000);
    // a second /digest now finds nothing new: the first one's cursor moved on delivery
    expect(await again.deps.delivery.runDigests(Date.now(), { chatId: CHAT })).toBe(0);
    await again.deps.delivery.stop();
    const digests = world.fake.messages(CHAT);
    const links = digests.flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url));
    expect(links.filter((u) => u?.includes('/emnews/'))).toHaveLength(28);
    expect(new Set(links).size).toBe(links.length);
    expect((await again.deps.chats.get(CHAT))!.digestCursor).toBe(newest);
    again.close({ remove: true });
  }, 60_000);
});
