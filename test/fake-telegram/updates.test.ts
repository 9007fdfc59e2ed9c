import { Telegram, type TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, GROUP_ANONYMOUS_BOT, startFakeTelegram } from '../support/fake-telegram/index.ts';
import {
  anonymousAdminMessage,
  botAdded,
  botBlocked,
  botKicked,
  callbackQuery,
  channelChat,
  channelPost,
  command,
  commandEntities,
  groupChat,
  incompleteUpdate,
  migrateToSupergroup,
  privateChat,
  privateMessage,
  user,
} from '../support/updates.ts';

let fake: FakeTelegram;
let tg: Telegram;

beforeAll(async () => {
  fake = await startFakeTelegram({ rateLimits: false, maxPollHoldMs: 5000 });
  tg = new Telegram(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const alice = user(1, { username: 'alice', languageCode: 'zh-hans' });
const group = groupChat(-42, '读者群');

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TelegramError,
  );
const messageOf = (u: Update) =>
  ('message' in u ? u.message : undefined) as Record<string, unknown> | undefined;

describe('update builders', () => {
  it('marks bot commands with UTF-16 offsets, with and without @botname', () => {
    expect(commandEntities('/start@kuaixun_test_bot sub_x')).toEqual([
      { type: 'bot_command', offset: 0, length: 23 },
    ]);
    expect(commandEntities('😀 看 /help now')).toEqual([{ type: 'bot_command', offset: 5, length: 5 }]);
    expect(commandEntities('no/command here')).toEqual([]);
    const u = command(group, alice, 'sub', '四川日报', { botUsername: 'kuaixun_test_bot' });
    expect(messageOf(u)).toMatchObject({
      text: '/sub@kuaixun_test_bot 四川日报',
      entities: [{ type: 'bot_command', offset: 0, length: 21 }],
      chat: { id: -42, type: 'group' },
      from: { id: 1 },
    });
  });

  it('builds anonymous admin messages and channel posts like Telegram', () => {
    expect(messageOf(anonymousAdminMessage(group, '/list'))).toMatchObject({
      from: { id: 1087968824, username: 'GroupAnonymousBot' },
      sender_chat: { id: -42 },
    });
    expect(GROUP_ANONYMOUS_BOT.id).toBe(1087968824);
    const post = channelPost(channelChat(-1001, 'ch', '@mychannel'), 'hello') as Update.ChannelPostUpdate;
    expect(post.channel_post.chat).toMatchObject({ username: 'mychannel', type: 'channel' });
    expect('from' in post.channel_post).toBe(false);
  });
});

describe('update queue', () => {
  it('fills ids and dates, numbers messages per chat, and confirms by offset', async () => {
    const u1 = fake.injectUpdate(privateMessage(alice, 'one'));
    const u2 = fake.injectUpdate(privateMessage(alice, 'two'));
    const u3 = fake.injectUpdate(command(group, alice, 'help'));
    expect([u2.update_id - u1.update_id, u3.update_id - u2.update_id]).toEqual([1, 1]);
    expect([
      messageOf(u1)?.['message_id'],
      messageOf(u2)?.['message_id'],
      messageOf(u3)?.['message_id'],
    ]).toEqual([1, 2, 1]);
    expect(messageOf(u1)?.['date']).toBeGreaterThan(1_600_000_000);
    const first = await tg.getUpdates(0, 2, 0, undefined);
    expect(first.map((u) => u.update_id)).toEqual([u1.update_id, u2.update_id]);
    const rest = await tg.getUpdates(0, 100, u2.update_id + 1, undefined);
    expect(rest.map((u) => u.update_id)).toEqual([u3.update_id]);
    expect(fake.pendingUpdates).toHaveLength(1);
    expect(fake.chat(-42)).toMatchObject({ type: 'group', title: '读者群' });
  });

  it('drops update types outside allowed_updates; -1 keeps only the last update', async () => {
    fake.injectUpdate(privateMessage(alice, 'kept'));
    fake.injectUpdate(botKicked(group, alice));
    const got = await tg.getUpdates(0, 100, 0, ['message']);
    expect(got.map((u) => Object.keys(u).filter((k) => k !== 'update_id'))).toEqual([['message']]);
    fake.injectUpdate(privateMessage(alice, 'a'));
    const last = fake.injectUpdate(privateMessage(alice, 'b'));
    expect((await tg.getUpdates(0, 100, -1, undefined)).map((u) => u.update_id)).toEqual([last.update_id]);
  });

  it('holds a long poll until an update arrives', async () => {
    const polling = tg.getUpdates(30, 100, 0, undefined);
    await expect.poll(() => fake.callsTo('getUpdates').length).toBe(1);
    const u = fake.injectUpdate(privateMessage(alice, 'late'));
    expect((await polling).map((x) => x.update_id)).toEqual([u.update_id]);
  });

  it('answers each injected callback query once; unknown ids are "too old"', async () => {
    const sent = await tg.sendMessage(alice.id, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'a' }]] },
    });
    const u = fake.injectUpdate(
      callbackQuery(privateChat(alice), alice, 'a', { messageId: sent.message_id }),
    );
    const query = (u as Update.CallbackQueryUpdate).callback_query;
    expect(query.message).toMatchObject({ message_id: sent.message_id, text: 'pick' });
    expect(fake.unansweredCallbackQueries().map((q) => q.id)).toEqual([query.id]);
    await tg.answerCbQuery(query.id, 'done');
    expect(fake.unansweredCallbackQueries()).toEqual([]);
    expect((await errorOf(tg.answerCbQuery(query.id)))?.description).toMatch(
      /^Bad Request: query is too old/,
    );
    expect((await errorOf(tg.answerCbQuery('nope')))?.code).toBe(400);
    expect(fake.sent(alice.id).at(-1)).toMatchObject({ method: 'answerCallbackQuery', text: 'done' });
  });
});

describe('injected updates change the fake world', () => {
  it('my_chat_member: kicked and blocked chats refuse sends; re-adding restores them', async () => {
    fake.injectUpdate(botKicked(group, alice));
    expect((await errorOf(tg.sendMessage(-42, 'x')))?.description).toBe(
      'Forbidden: bot was kicked from the group chat',
    );
    fake.injectUpdate(botAdded(group, alice));
    expect(await errorOf(tg.sendMessage(-42, 'x'))).toBeUndefined();
    fake.injectUpdate(botBlocked(alice));
    expect((await errorOf(tg.sendMessage(alice.id, 'x')))?.code).toBe(403);
  });

  it('a channel where the bot may not post refuses sends', async () => {
    const ch = channelChat(-1009, 'news', 'newsch');
    fake.injectUpdate(botAdded(ch, alice, false));
    expect((await errorOf(tg.sendMessage('@newsch', 'x')))?.description).toBe(
      'Bad Request: need administrator rights in the channel chat',
    );
    fake.injectUpdate(botAdded(ch, alice, true));
    expect(await errorOf(tg.sendMessage('@newsch', 'x'))).toBeUndefined();
  });

  it('migrate_to_chat_id moves the group', async () => {
    fake.injectUpdate(migrateToSupergroup(group, alice, -1004200000000));
    const error = await errorOf(tg.sendMessage(-42, 'x'));
    expect(error?.parameters?.migrate_to_chat_id).toBe(-1004200000000);
    expect(await errorOf(tg.sendMessage(-1004200000000, 'x'))).toBeUndefined();
  });

  it('accepts updates with missing fields', () => {
    for (const kind of [
      'no-from',
      'no-text',
      'no-title',
      'callback-no-data',
      'callback-no-message',
    ] as const) {
      expect(fake.injectUpdate(incompleteUpdate(kind, group, alice)).update_id).toBeGreaterThan(0);
    }
    expect(fake.pendingUpdates).toHaveLength(5);
  });
});

describe('callback queries on messages the fake did not send', () => {
  it('treat the message under the button as the bot’s own, whatever the bot id', async () => {
    const custom = await startFakeTelegram({ bot: { id: 99, username: 'other_test_bot' } });
    try {
      const client = new Telegram(custom.token, { apiRoot: custom.apiRoot });
      const u = custom.injectUpdate(callbackQuery(group, alice, 'x')) as Update.CallbackQueryUpdate;
      expect(u.callback_query.message).toMatchObject({ from: { id: 99 } });
      const id = u.callback_query.message?.message_id ?? 0;
      await client.editMessageText(group.id, id, undefined, 'edited');
      expect(custom.chatMessages(group.id).map((m) => m.text)).toEqual(['edited']);
    } finally {
      await custom.close();
    }
  });
});
