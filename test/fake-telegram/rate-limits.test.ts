import { Telegram, type TelegramError } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';

let clock = 0;
let fake: FakeTelegram;
let tg: Telegram;

beforeAll(async () => {
  // a manual clock: the limits are checked against it, so the test needs no sleeping
  fake = await startFakeTelegram({ now: () => clock, rateLimits: { globalPerSecond: 30, globalBurst: 30 } });
  tg = new Telegram(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clock = 1_800_000_000_000;
});

async function send(chatId: number, text = 'x'): Promise<TelegramError | undefined> {
  return tg.sendMessage(chatId, text).then(
    () => undefined,
    (e: unknown) => e as TelegramError,
  );
}

describe('flood limits', () => {
  it('private chats: a small burst, then 1 message per second with retry_after', async () => {
    for (let i = 0; i < 3; i++) expect(await send(42)).toBeUndefined();
    const error = await send(42);
    expect(error?.code).toBe(429);
    expect(error?.description).toBe('Too Many Requests: retry after 1');
    expect(error?.parameters?.retry_after).toBe(1);
    expect(fake.violations()).toEqual([]);
    clock += 1000;
    expect(await send(42)).toBeUndefined();
    expect(await send(43)).toBeUndefined(); // other chats are not affected
    expect(fake.messages(42)).toHaveLength(4);
  });

  it('records a send inside an announced retry_after window as a violation', async () => {
    for (let i = 0; i < 3; i++) await send(42);
    await send(42); // 429, window of 1 s opens
    clock += 400;
    const again = await send(42);
    expect(again?.code).toBe(429);
    expect(fake.violations()).toMatchObject([{ chatId: 42, scope: 'chat', msIntoWindow: 400 }]);
    expect(fake.violations(500)).toEqual([]); // within the grace for requests already in flight
    clock += 600;
    expect(await send(42)).toBeUndefined();
    expect(fake.violations()).toHaveLength(1);
  });

  it('groups and channels: 20 messages per minute', async () => {
    const group = -1001000000002;
    for (let i = 0; i < 20; i++) {
      clock += 10; // fast but not over the global 30/s
      expect(await send(group)).toBeUndefined();
    }
    const error = await send(group);
    expect(error?.code).toBe(429);
    expect(error?.parameters?.retry_after).toBe(3);
    clock += 3000;
    expect(await send(group)).toBeUndefined();
  });

  it('global: 30 messages per second over all chats; a global 429 holds every chat', async () => {
    for (let i = 0; i < 30; i++) expect(await send(1000 + i)).toBeUndefined();
    const error = await send(2000);
    expect(error?.code).toBe(429);
    expect(fake.retryAfters()).toMatchObject([{ scope: 'global', retryAfter: 1 }]);
    clock += 100;
    await send(3000);
    expect(fake.violations()).toMatchObject([{ chatId: 3000, scope: 'global' }]);
  });

  it('injected flood waits: per chat and global, with their own retry_after', async () => {
    fake.floodWait(7, 42);
    const first = await send(42);
    expect(first?.parameters?.retry_after).toBe(7);
    expect(await send(43)).toBeUndefined();
    clock += 6000;
    expect((await send(42))?.parameters?.retry_after).toBe(1);
    clock += 1000;
    expect(await send(42)).toBeUndefined();
    fake.floodWait(2);
    expect((await send(50))?.code).toBe(429);
    expect((await send(51))?.code).toBe(429);
    expect(fake.violations().map((v) => [v.chatId, v.scope])).toEqual([
      [42, 'chat'],
      [51, 'global'],
    ]);
    expect(fake.rejected({ reason: 'fault' })).toHaveLength(2);
  });

  it('edits, callback answers and reads are not flood limited', async () => {
    const msg = await tg.sendMessage(42, 'v0');
    for (let i = 1; i <= 5; i++) await tg.editMessageText(42, msg.message_id, undefined, `v${i}`);
    for (let i = 0; i < 5; i++) await tg.getChat(42);
    expect(fake.rejected()).toEqual([]);
  });
});
