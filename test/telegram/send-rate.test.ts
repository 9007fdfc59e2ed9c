import type { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { createDelivery, type OutboxDelivery } from '../../src/delivery/index.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { createBot } from '../../src/telegram/bot.ts';
import type { BotContext } from '../../src/telegram/context.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';
import { command, privateChat, user } from '../support/updates.ts';

let fake: FakeTelegram | undefined;
let t: TestDeps | undefined;
let bot: Telegraf<BotContext> | undefined;
let delivery: OutboxDelivery | undefined;
afterEach(async () => {
  await delivery?.stop();
  try {
    bot?.stop('test end');
  } catch {
    // never launched
  }
  await fake?.close();
  t?.close();
  fake = t = bot = delivery = undefined;
});

const USERS = 300;
const PUSH_CHATS = 120;

describe('one global send rate for replies and pushes (issue 13)', () => {
  it('300 users sending a command within 10 s, during a push burst: 0 × 429, nothing inside a window', async () => {
    // Telegram's limits as the fake models them: 30/s for the bot, 1/s (burst 3) per private chat
    fake = await startFakeTelegram({ maxPollHoldMs: 100 });
    const f = fake;
    t = buildTestDeps({
      env: { TELEGRAM_API_ROOT: f.apiRoot, BOT_TOKEN: f.token, LOG_LEVEL: 'warn' },
      delivery: (base) => createDelivery(base, pushRenderer, { idleMs: 20 }),
    });
    const deps = t.deps;
    delivery = deps.delivery as OutboxDelivery;
    // pushes queued for other chats before the burst: they compete with the replies for turns
    const pushChats = Array.from({ length: PUSH_CHATS }, (_, i) => 500_000 + i);
    for (const id of pushChats) await deps.chats.ensure(id, { kind: 'private' });
    await delivery.enqueue(
      pushChats.map((chatId) => ({
        chatId,
        key: 'd1',
        kind: 'digest',
        payload: { html: '<b>摘要</b> 今日' },
      })),
    );
    bot = createBot(deps);
    const b = bot;
    await new Promise<void>((resolve, reject) => {
      b.launch(() => resolve()).catch(reject);
    });
    delivery.start();

    const users = Array.from({ length: USERS }, (_, i) => user(300_000 + i));
    for (const [i, u] of users.entries()) {
      f.injectUpdate(command(privateChat(u), u, 'help'));
      // 30 commands a second for 10 s
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 100));
    }
    const answered = (id: number) => f.sent(id).filter((m) => m.method === 'sendMessage').length;
    await f.waitFor(() => users.every((u) => answered(u.id) >= 1), 60_000);
    await delivery.drain(30_000);

    expect(f.retryAfters()).toHaveLength(0);
    expect(f.violations()).toHaveLength(0);
    for (const u of users) expect(answered(u.id)).toBe(1);
    for (const id of pushChats) expect(answered(id)).toBe(1);
    expect((await delivery.stats()).sent).toBe(PUSH_CHATS);
  }, 120_000);
});
