import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import type { Chat } from '../../src/chats/types.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';
import { buildTestDeps, TEST_TOKEN } from '../support/test-deps.ts';

export interface CrashWorld {
  site: SiteServer;
  fake: FakeTelegram;
}

/** The served site and the fake Bot API the crash tests' child processes talk to, for one file. */
export function crashWorld(): CrashWorld {
  const world = {} as CrashWorld;
  beforeAll(async () => {
    world.site = await startSiteServer({ snapshot: 's1-2021-12-08-1200' });
    world.fake = await startFakeTelegram({ token: TEST_TOKEN, rateLimits: false });
  });
  afterAll(async () => {
    await world.site.close();
    await world.fake.close();
  });
  return world;
}

/**
 * A data dir as a running bot leaves it: s1 archived, one chat subscribed to emnews (with the
 * given settings), then the site moved on to s2 (28 new emnews posts).
 */
export async function archivedWithSubscriber(
  site: SiteServer,
  chatId: number,
  patch: Partial<Chat> = {},
  pollS2 = false,
): Promise<string> {
  site.switchTo('s1-2021-12-08-1200');
  const dir = mkdtempSync(join(tmpdir(), 'kx-crash-'));
  const t = buildTestDeps({ dir, siteUrl: site.url });
  await poll(t.deps);
  await t.deps.chats.ensure(chatId, { kind: 'private' });
  await t.deps.chats.subscribe(chatId, ['emnews'], Date.now());
  if (Object.keys(patch).length) await t.deps.chats.update(chatId, patch);
  site.switchTo('s2-2021-12-08-1600');
  if (pollS2) await poll(t.deps);
  t.close();
  return dir;
}
