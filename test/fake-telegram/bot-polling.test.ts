import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { callbackQuery, command, groupChat, privateChat, privateMessage, user } from '../support/updates.ts';

let fake: FakeTelegram;
let bot: Telegraf;
let errors: unknown[];

function newBot(): Telegraf {
  const b = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
  b.catch((e) => {
    errors.push(e);
  });
  b.command('start', (ctx) => ctx.reply(`你好 <b>${ctx.from.first_name}</b>`, { parse_mode: 'HTML' }));
  b.command('menu', (ctx) =>
    ctx.reply('menu', { reply_markup: { inline_keyboard: [[{ text: 'Read', callback_data: 'read:1' }]] } }),
  );
  b.on('callback_query', async (ctx) => {
    await ctx.answerCbQuery('ok');
    await ctx.editMessageText('opened');
  });
  return b;
}

/** Starts polling and resolves once telegraf reports the launch (launch() itself never resolves). */
function launch(b: Telegraf): Promise<void> {
  return new Promise((resolve, reject) => {
    b.launch(() => resolve()).catch(reject);
  });
}

beforeEach(async () => {
  errors = [];
  fake = await startFakeTelegram({ maxPollHoldMs: 200 });
  bot = newBot();
});

afterEach(async () => {
  try {
    bot.stop('test end');
  } catch {
    // not running (the launch failed on purpose)
  }
  await fake.close();
});

describe('a telegraf bot in polling mode', () => {
  it('receives an injected command and its HTML reply is recorded', async () => {
    await launch(bot);
    const alice = user(1001, { firstName: 'Alice' });
    const update = fake.injectUpdate(command(privateChat(alice), alice, 'start'));
    const reply = await fake.waitForSent(alice.id);
    expect(reply).toMatchObject({ text: '你好 <b>Alice</b>', plainText: '你好 Alice', parseMode: 'HTML' });
    expect(reply.messageId).toBe(('message' in update ? update.message.message_id : 0) + 1);
    expect(errors).toEqual([]);
    // confirmed by the offset of the next getUpdates, as in Telegram
    await expect.poll(() => fake.pendingUpdates.length).toBe(0);
  });

  it('escaping matters: a reply with an unescaped name is rejected and reaches bot.catch', async () => {
    await launch(bot);
    const eve = user(1002, { firstName: 'a<b' });
    fake.injectUpdate(command(privateChat(eve), eve, 'start'));
    const call = await fake.waitFor((c) => c.method === 'sendMessage');
    expect(call.state).toBe('error');
    expect(call.description).toMatch(/can't parse entities/);
    await expect.poll(() => errors.length).toBe(1);
    expect((errors[0] as TelegramError).code).toBe(400);
  });

  it('handles /cmd@botname in groups, callback queries, answers and edits', async () => {
    await launch(bot);
    const bob = user(1003);
    const group = groupChat(-5001, 'Readers');
    fake.injectUpdate(command(group, bob, 'menu', '', { botUsername: 'kuaixun_test_bot' }));
    const menu = await fake.waitForSent(group.id);
    expect(menu.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Read', callback_data: 'read:1' }]] });
    const mark = fake.mark();
    fake.injectUpdate(callbackQuery(group, bob, 'read:1', { messageId: menu.messageId ?? 0 }));
    const edit = await fake.waitForSent(group.id, (m) => m.method === 'editMessageText', { afterSeq: mark });
    expect(edit).toMatchObject({ plainText: 'opened', messageId: menu.messageId });
    expect(fake.sent(group.id).map((m) => m.method)).toEqual([
      'sendMessage',
      'answerCallbackQuery',
      'editMessageText',
    ]);
    expect(fake.unansweredCallbackQueries()).toEqual([]);
    expect(fake.chatMessages(group.id).map((m) => m.text)).toEqual(['/menu@kuaixun_test_bot', 'opened']);
  });

  it('ignores commands addressed to another bot', async () => {
    await launch(bot);
    const bob = user(1004);
    const group = groupChat(-5002);
    fake.injectUpdate(command(group, bob, 'start', '', { botUsername: 'other_bot' }));
    fake.injectUpdate(command(group, bob, 'menu'));
    await fake.waitForSent(group.id);
    expect(fake.messages(group.id).map((m) => m.text)).toEqual(['menu']);
  });

  it('launch fails with 401 when the token is revoked', async () => {
    fake.revokeToken();
    const error = await launch(bot).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).code).toBe(401);
  });

  it('polling stops with 409 when another instance polls the same token', async () => {
    let running: Promise<void> | undefined;
    await new Promise<void>((resolve) => {
      running = bot.launch(() => resolve());
    });
    fake.setPollingConflict(true);
    const error = await running?.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as TelegramError).code).toBe(409);
    expect((error as TelegramError).description).toMatch(/^Conflict: terminated by other getUpdates request/);
  });

  it('a second poller ends the first one with 409, like Telegram', async () => {
    const first = bot.telegram.getUpdates(5, 100, 0, undefined).catch((e: unknown) => e);
    await expect.poll(() => fake.callsTo('getUpdates').length).toBe(1);
    await bot.telegram.getUpdates(0, 100, 0, undefined);
    expect(((await first) as TelegramError).code).toBe(409);
  });
});

describe('a telegraf bot behind a webhook', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('receives updates with the secret header; a wrong secret is refused', async () => {
    server = createServer(bot.webhookCallback('/hook', { secretToken: 's3cret' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await bot.telegram.setWebhook(url, { secret_token: 's3cret' });
    const carol = user(1005);
    const ok = await fake.postUpdate(privateMessage(carol, '/start'));
    expect(ok.status).toBe(200);
    expect(fake.messages(carol.id)).toHaveLength(1);
    const refused = await fake.postUpdate(privateMessage(carol, '/start'), { secretToken: 'wrong' });
    expect(refused.status).toBe(403);
    expect(fake.messages(carol.id)).toHaveLength(1);
    const polling = await bot.telegram.getUpdates(0, 1, 0, undefined).catch((e: unknown) => e);
    expect((polling as TelegramError).code).toBe(409);
  });

  it('executes a method the bot returns in its webhook reply (telegraf webhookReply)', async () => {
    server = createServer(bot.webhookCallback('/hook'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await bot.telegram.setWebhook(url);
    const dave = user(1006);
    const menu = await bot.telegram.sendMessage(dave.id, 'menu', {
      reply_markup: { inline_keyboard: [[{ text: 'Read', callback_data: 'read:1' }]] },
    });
    const posted = await fake.postUpdate(
      callbackQuery(privateChat(dave), dave, 'read:1', { messageId: menu.message_id }),
    );
    expect(posted.replyCall).toMatchObject({
      method: 'answerCallbackQuery',
      state: 'ok',
      viaWebhookReply: true,
    });
    expect(fake.unansweredCallbackQueries()).toEqual([]);
    await fake.waitForSent(dave.id, (m) => m.method === 'editMessageText');
  });
});
