import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppHarness, appHarness, until } from '../support/app-harness.ts';

let h: AppHarness;
beforeEach(async () => {
  h = await appHarness('s3-2022-03-15');
});
afterEach(async () => {
  await h.close();
});

describe('Telegram refuses this instance', () => {
  it('409: another instance polls the same token: stop and say so, never fight it', async () => {
    const app = await h.start();
    await until(async () => (await app.deps.articles.count()) > 0, 'first poll');
    h.fake.setPollingConflict(true);
    const result = await app.done;
    expect(result.fatal).toBe(true);
    expect(result.reason).toMatch(/Another instance is already polling/);
    const polls = h.fake.callsTo('getUpdates').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.fake.callsTo('getUpdates').length).toBe(polls);
    expect(h.output.join('')).toContain('"level":60');
  });

  it('401 at start: the token was revoked: refuse to start with a clear reason', async () => {
    h.fake.revokeToken();
    await expect(h.start()).rejects.toThrow(/revoked or mistyped.*@BotFather/);
    expect(h.output.join('')).not.toContain(h.fake.token);
  });
});
