import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSendGate } from '../../src/delivery/rate-limiter-local.ts';
import type { SendGate } from '../../src/delivery/rate-limiter-types.ts';
import { createSourceHealth } from '../../src/ops/source-health.ts';
import { sourceAlertText } from '../../src/present/source-alert.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

let fake: FakeTelegram;
let t: TestDeps;
let clock = 1_800_000_000_000;
const turns: string[] = [];

/** the app's gate, with a note of every turn and pause asked of it */
function noting(gate: SendGate): SendGate {
  return {
    acquire: (chatId, priority, opts) => {
      turns.push(`turn ${chatId} ${priority}`);
      return gate.acquire(chatId, priority, opts);
    },
    onRetryAfter: (seconds, chatId) => {
      turns.push(`pause ${chatId} ${seconds}s`);
      return gate.onRetryAfter(seconds, chatId);
    },
    close: () => gate.close(),
  };
}

beforeAll(async () => {
  fake = await startFakeTelegram();
  t = buildTestDeps({ now: () => clock, env: { ADMIN_IDS: '911,912' } });
  t.deps.telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
  t.deps.sendGate = noting(new LocalSendGate({ rate: 25 }));
});
afterAll(async () => {
  await t.deps.sendGate.close();
  t.close({ remove: true });
  await fake.close();
});

const broken = { outcome: 'ok' as const, firstRun: false, stored: 0, failed: 4 };

describe('admin alerts and the send gate', () => {
  it('take a turn at the gate per admin, and tell it about a 429 they meet', async () => {
    fake.floodWait(7, 912);
    const health = createSourceHealth(t.deps, sourceAlertText);
    for (let i = 0; i < 3; i++) {
      clock += 60_000;
      await health.observe(broken);
    }
    expect(turns).toEqual(['turn 911 reply', 'turn 912 reply', 'pause 912 7s']);
    expect(fake.messages(911)).toHaveLength(1);
    expect(fake.messages(912)).toHaveLength(0);
    // what was sent went out inside no announced window
    expect(fake.violations()).toEqual([]);
  });
});
