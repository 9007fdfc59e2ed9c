import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { createDelivery } from '../../src/delivery/index.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';
import { buildTestDeps, TEST_TOKEN } from '../support/test-deps.ts';

const CHILD = fileURLToPath(new URL('./digest-child.ts', import.meta.url));
const CHAT = 7401;

let site: SiteServer;
let fake: FakeTelegram;
beforeAll(async () => {
  site = await startSiteServer({ snapshot: 's1-2021-12-08-1200' });
  fake = await startFakeTelegram({ token: TEST_TOKEN, rateLimits: false });
});
afterAll(async () => {
  await site.close();
  await fake.close();
});

describe('kill -9 during a digest', () => {
  it('while the digest is being sent: after restart it arrives once, and the cursor moves only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kx-digestcrash-'));
    const first = buildTestDeps({ dir, siteUrl: site.url });
    await poll(first.deps);
    await first.deps.chats.ensure(CHAT, { kind: 'private' });
    await first.deps.chats.subscribe(CHAT, ['emnews'], Date.now());
    await first.deps.chats.update(CHAT, { mode: 'digest' });
    site.switchTo('s2-2021-12-08-1600');
    await poll(first.deps);
    const newest = first.deps.articles.maxSeq();
    first.close();

    const hang = fake.addFault({ method: 'sendMessage', chatId: CHAT, times: 1, fault: { kind: 'hang' } });
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      CHILD,
      dir,
      site.url,
      fake.apiRoot,
      String(CHAT),
    ]);
    const exit = new Promise((r) => child.on('exit', (_c, sig) => r(sig)));
    await fake.waitFor((c) => c.method === 'sendMessage' && c.chatId === CHAT, 20_000);
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(hang.hits).toBe(1);
    expect(fake.messages(CHAT)).toHaveLength(0);

    const again = buildTestDeps({
      dir,
      siteUrl: site.url,
      env: { TELEGRAM_API_ROOT: fake.apiRoot },
      delivery: (base) => createDelivery(base),
    });
    expect((await again.deps.chats.get(CHAT))!.digestCursor).toBeLessThan(newest);
    again.deps.delivery.start();
    await again.deps.delivery.drain(30_000);
    // a second /digest now finds nothing new: the first one's cursor moved on delivery
    expect(await again.deps.delivery.runDigests(Date.now(), { chatId: CHAT })).toBe(0);
    await again.deps.delivery.stop();
    const digests = fake.messages(CHAT);
    const links = digests.flatMap((m) => m.entities.filter((e) => e.type === 'text_link').map((e) => e.url));
    expect(links.filter((u) => u?.includes('/emnews/'))).toHaveLength(28);
    expect(new Set(links).size).toBe(links.length);
    expect((await again.deps.chats.get(CHAT))!.digestCursor).toBe(newest);
    again.close({ remove: true });
  }, 60_000);
});
