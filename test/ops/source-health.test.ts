import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceHealth, silenceThreshold } from '../../src/ops/source-health.ts';
import { sourceAlertText } from '../../src/present/source-alert.ts';
import type { PollReport } from '../../src/sources/finews/state.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const report = (stored: number, failed = 0, outcome: PollReport['outcome'] = 'ok'): PollReport => ({
  requests: 2,
  bytes: 100,
  found: stored + failed,
  stored,
  failed,
  gapFill: false,
  ms: 5,
  outcome,
  firstRun: false,
});

let fake: FakeTelegram;
let t: TestDeps;
let clock = 1_800_000_000_000;
beforeAll(async () => {
  fake = await startFakeTelegram();
  t = buildTestDeps({
    now: () => clock,
    env: { ADMIN_IDS: '901,902', TELEGRAM_API_ROOT: fake.apiRoot },
    overrides: {},
  });
  const { Telegram } = await import('telegraf');
  t.deps.telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(async () => {
  t.close({ remove: true });
  await fake.close();
});

describe('source health', () => {
  it('measures "longer than usual" on recent gaps, never under 30 minutes', () => {
    expect(silenceThreshold([])).toBe(2 * 3_600_000);
    expect(silenceThreshold([60_000, 120_000, 180_000])).toBe(30 * 60_000);
    expect(silenceThreshold([20 * 60_000, 20 * 60_000, 30 * 60_000])).toBe(6 * 20 * 60_000);
  });

  it('tells each admin once when posts stop parsing, once when the site goes quiet, and once on recovery', async () => {
    const health = createSourceHealth(t.deps, sourceAlertText);
    const admins = () => fake.messages().filter((m) => m.chatId === 901);
    for (let i = 0; i < 5; i++) {
      clock += 3 * 60_000;
      await health.observe(report(2));
    }
    expect(admins()).toHaveLength(0);
    for (let i = 0; i < 5; i++) {
      clock += 60_000;
      await health.observe(report(0, 4));
    }
    expect(admins()).toHaveLength(1);
    expect(admins()[0]!.plainText).toContain('no longer parse');
    expect(fake.messages().filter((m) => m.chatId === 902)).toHaveLength(1);
    // the site answers nothing new for hours: the alert changes kind once, not every tick
    for (let i = 0; i < 40; i++) {
      clock += 5 * 60_000;
      await health.observe(report(0));
    }
    expect(admins()).toHaveLength(2);
    expect(admins()[1]!.plainText).toContain('no new posts');
    clock += 60_000;
    await health.observe(report(3));
    await health.observe(report(1));
    expect(admins()).toHaveLength(3);
    expect(admins()[2]!.plainText).toContain('recovered');
    expect(fake.rejected()).toHaveLength(0);
  });
});
