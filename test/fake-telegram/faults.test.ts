import { Telegram, TelegramError } from 'telegraf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';

let fake: FakeTelegram;
let tg: Telegram;

beforeAll(async () => {
  fake = await startFakeTelegram({ rateLimits: false });
  tg = new Telegram(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const outcome = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'ok',
    (e: unknown) => e,
  );

describe('injected faults', () => {
  it('5xx: the message is not delivered; later calls succeed', async () => {
    const handle = fake.failNext('sendMessage', 2, { kind: 'server-error', status: 502 });
    const e1 = (await outcome(tg.sendMessage(42, 'a'))) as TelegramError;
    expect(e1).toBeInstanceOf(TelegramError);
    expect(e1.code).toBe(502);
    await outcome(tg.sendMessage(42, 'a'));
    expect(await outcome(tg.sendMessage(42, 'a'))).toBe('ok');
    expect(handle.hits).toBe(2);
    expect(fake.messages(42)).toHaveLength(1);
  });

  it('dropped connections: before processing nothing is delivered, after processing the reply is lost', async () => {
    fake.failNext('sendMessage', 1, { kind: 'drop' });
    const dropped = (await outcome(tg.sendMessage(42, 'a'))) as Error;
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped).not.toBeInstanceOf(TelegramError);
    expect(fake.messages(42)).toHaveLength(0);
    fake.failNext('sendMessage', 1, { kind: 'drop', afterProcessing: true });
    expect(await outcome(tg.sendMessage(42, 'b'))).not.toBe('ok');
    expect(fake.messages(42).map((m) => m.text)).toEqual(['b']);
    expect(fake.calls.map((c) => c.state)).toEqual(['dropped', 'dropped']);
  });

  it('hang: never answers until the client gives up; a slow call still succeeds', async () => {
    fake.failNext('sendMessage', 1, { kind: 'hang' });
    const hung = await outcome(
      tg.callApi('sendMessage', { chat_id: 42, text: 'a' }, { signal: AbortSignal.timeout(150) as never }),
    );
    expect((hung as Error).name).toBe('AbortError');
    expect(fake.calls[0]?.state).toBe('hung');
    fake.failNext('sendMessage', 1, { kind: 'hang', ms: 50 });
    expect(await outcome(tg.sendMessage(42, 'b'))).toBe('ok');
  });

  it('a fraction of calls fails, reproducibly', async () => {
    const handle = fake.failRandomly('sendMessage', 0.2, { kind: 'server-error' });
    const results = [];
    for (let i = 0; i < 100; i++) results.push(await outcome(tg.sendMessage(100 + i, `m${i}`)));
    const failed = results.filter((r) => r !== 'ok').length;
    expect(failed).toBe(handle.hits);
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(40);
    expect(fake.messages()).toHaveLength(100 - failed);
  });

  it('403: blocked by the user, kicked from a group', async () => {
    fake.addChat({ id: 42, type: 'private' });
    fake.addChat({ id: -700, type: 'group', title: 'g' });
    fake.blockBot(42);
    fake.blockBot(-700);
    const blocked = (await outcome(tg.sendMessage(42, 'a'))) as TelegramError;
    expect([blocked.code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    const kicked = (await outcome(tg.sendMessage(-700, 'a'))) as TelegramError;
    expect([kicked.code, kicked.description]).toEqual([403, 'Forbidden: bot was kicked from the group chat']);
    fake.failNext(
      'sendMessage',
      1,
      { kind: 'error', code: 403, description: 'Forbidden: user is deactivated' },
      43,
    );
    expect(((await outcome(tg.sendMessage(43, 'a'))) as TelegramError).description).toBe(
      'Forbidden: user is deactivated',
    );
  });

  it('group migrated to a supergroup: 400 with migrate_to_chat_id, then the new id works', async () => {
    fake.addChat({ id: -800, type: 'group', title: 'old', admins: [{ userId: 5, status: 'creator' }] });
    fake.migrateChat(-800, -1008000000000);
    const error = (await outcome(tg.sendMessage(-800, 'a'))) as TelegramError;
    expect(error.code).toBe(400);
    expect(error.parameters?.migrate_to_chat_id).toBe(-1008000000000);
    expect(await outcome(tg.sendMessage(-1008000000000, 'a'))).toBe('ok');
    expect(fake.chat(-1008000000000)).toMatchObject({ type: 'supergroup', title: 'old' });
    expect((await tg.getChatAdministrators(-1008000000000)).map((a) => a.user.id)).toEqual([5]);
  });

  it('401 for a revoked token and for a wrong one', async () => {
    fake.revokeToken();
    expect(((await outcome(tg.getMe())) as TelegramError).code).toBe(401);
    fake.restoreToken();
    expect(await outcome(tg.getMe())).toBe('ok');
    const wrong = new Telegram('123:wrong', { apiRoot: fake.apiRoot });
    const error = (await outcome(wrong.getMe())) as TelegramError;
    expect([error.code, error.description]).toEqual([401, 'Unauthorized']);
  });
});
