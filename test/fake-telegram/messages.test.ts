import { Input, Telegram, TelegramError } from 'telegraf';
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

async function failure(p: Promise<unknown>): Promise<TelegramError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegramError);
  return error as TelegramError;
}

describe('sendMessage', () => {
  it('accepts valid HTML, returns a realistic message and records it', async () => {
    const msg = await tg.sendMessage(
      42,
      '<b>标题</b> &amp; <a href="https://example.com/a?b=1&amp;c=2">链接</a>',
      {
        parse_mode: 'HTML',
      },
    );
    expect(msg.message_id).toBe(1);
    expect(msg.chat).toMatchObject({ id: 42, type: 'private' });
    expect(msg.text).toBe('标题 & 链接');
    expect(msg.entities).toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'text_link', offset: 5, length: 2, url: 'https://example.com/a?b=1&c=2' },
    ]);
    const [sent] = fake.sent(42);
    expect(sent).toMatchObject({ method: 'sendMessage', chatId: 42, messageId: 1, parseMode: 'HTML' });
    expect((await tg.sendMessage(42, 'second')).message_id).toBe(2);
    expect((await tg.sendMessage(-1001234567890, 'group')).message_id).toBe(1);
  });

  it.each([
    ['unescaped <', 'a < b'],
    ['unescaped &', 'AT&T'],
    ['unknown tag', '<br>'],
    ['unclosed tag', '<b>bold'],
    ['misnested tags', '<b><i>x</b></i>'],
  ])('rejects HTML with %s as "can\'t parse entities"', async (_name, text) => {
    const error = await failure(tg.sendMessage(42, text, { parse_mode: 'HTML' }));
    expect(error.code).toBe(400);
    expect(error.description).toMatch(/^Bad Request: can't parse entities: /);
    expect(fake.sent()).toHaveLength(0);
    expect(fake.rejected({ reason: 'validation' })).toHaveLength(1);
  });

  it('counts the 4096 limit after entity parsing, in UTF-16 units', async () => {
    const tags = `<b>${'x'.repeat(4000)}</b>${'&amp;'.repeat(96)}`;
    await tg.sendMessage(42, tags, { parse_mode: 'HTML' });
    const emoji = '😀'.repeat(2049); // 4098 UTF-16 units
    const error = await failure(tg.sendMessage(42, emoji));
    expect(error.description).toBe('Bad Request: message is too long');
    const empty = await failure(tg.sendMessage(42, '<b> </b>', { parse_mode: 'HTML' }));
    expect(empty.description).toBe('Bad Request: message text is empty');
  });

  it('limits callback_data to 64 bytes of UTF-8 and checks button URLs', async () => {
    const ok = { inline_keyboard: [[{ text: 'ok', callback_data: 'x'.repeat(64) }]] };
    await tg.sendMessage(42, 'buttons', { reply_markup: ok });
    const tooLong = { inline_keyboard: [[{ text: 'no', callback_data: '搜'.repeat(22) }]] }; // 66 bytes
    expect((await failure(tg.sendMessage(42, 'b', { reply_markup: tooLong }))).description).toBe(
      'Bad Request: BUTTON_DATA_INVALID',
    );
    const badUrl = { inline_keyboard: [[{ text: 'js', url: 'javascript:alert(1)' }]] };
    expect((await failure(tg.sendMessage(42, 'b', { reply_markup: badUrl }))).description).toBe(
      'Bad Request: BUTTON_URL_INVALID',
    );
    expect(fake.sent(42)[0]?.replyMarkup).toEqual(ok);
  });

  it('rejects lone surrogates like Telegram rejects invalid UTF-8', async () => {
    const error = await failure(tg.sendMessage(42, 'broken \ud800 text'));
    expect(error.description).toBe('Bad Request: strings must be encoded in UTF-8');
  });
});

describe('other message methods', () => {
  it('sendPhoto by upload (multipart) checks the caption and records it', async () => {
    const photo = Input.fromBuffer(Buffer.from('not really a png'), 'p.png');
    const msg = await tg.sendPhoto(42, photo, {
      caption: '<i>图</i>',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'x' }]] },
    });
    expect(msg.caption).toBe('图');
    expect(fake.messages(42)[0]).toMatchObject({
      method: 'sendPhoto',
      plainText: '图',
      replyMarkup: { inline_keyboard: [[{ text: 'x', callback_data: 'x' }]] },
    });
    const long = await failure(tg.sendPhoto(42, 'file-id', { caption: 'x'.repeat(1025) }));
    expect(long.description).toBe('Bad Request: message caption is too long');
  });
});

describe('chats', () => {
  it('answers "chat not found" for unknown chats when chats must be known', async () => {
    const strict = await startFakeTelegram({ knownChatsOnly: true });
    try {
      const client = new Telegram(strict.token, { apiRoot: strict.apiRoot });
      const error = await failure(client.sendMessage(555, 'hi'));
      expect(error.description).toBe('Bad Request: chat not found');
      strict.addChat({ id: 555, type: 'private' });
      await client.sendMessage(555, 'hi');
      expect(strict.messages(555)).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });

  it('serves getChat by @username, admins and members with channel posting rights', async () => {
    fake.addChat({
      id: -1001000000001,
      type: 'channel',
      title: '快讯频道',
      username: 'mychannel',
      admins: [
        { userId: 10, status: 'creator' },
        { userId: 11, canPostMessages: false },
      ],
    });
    const chat = await tg.getChat('@mychannel');
    expect(chat).toMatchObject({ id: -1001000000001, type: 'channel', username: 'mychannel' });
    const admins = await tg.getChatAdministrators('@mychannel');
    expect(admins.map((a) => [a.user.id, a.status])).toEqual([
      [10, 'creator'],
      [11, 'administrator'],
      [fake.bot.id, 'administrator'],
    ]);
    expect(await tg.getChatMember(-1001000000001, 11)).toMatchObject({
      status: 'administrator',
      can_post_messages: false,
    });
    expect(await tg.getChatMember(-1001000000001, 12)).toMatchObject({ status: 'left' });
    expect(await tg.getChatMember(-1001000000001, fake.bot.id)).toMatchObject({ can_post_messages: true });
    await tg.sendMessage('@mychannel', 'post');
    expect(fake.messages(-1001000000001)).toHaveLength(1);
    expect((await failure(tg.getChat('@nosuchchannel'))).description).toBe('Bad Request: chat not found');
  });

  it('stores commands per scope and language, and reports getMe', async () => {
    expect((await tg.getMe()).username).toBe('kuaixun_test_bot');
    await tg.setMyCommands([{ command: 'help', description: '帮助' }], {
      scope: { type: 'all_private_chats' },
    });
    await tg.setMyCommands([{ command: 'help', description: 'Help' }], {
      scope: { type: 'all_private_chats' },
      language_code: 'en',
    });
    expect(fake.commands({ type: 'all_private_chats' })).toEqual([{ command: 'help', description: '帮助' }]);
    expect(await tg.getMyCommands({ scope: { type: 'all_private_chats' }, language_code: 'en' })).toEqual([
      { command: 'help', description: 'Help' },
    ]);
    const bad = await failure(tg.setMyCommands([{ command: 'Bad-Name', description: 'x' }]));
    expect(bad.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });

  it('edits, refuses identical edits, deletes, and 404s unknown methods', async () => {
    const msg = await tg.sendMessage(42, 'v1');
    await tg.editMessageText(42, msg.message_id, undefined, 'v2');
    const same = await failure(tg.editMessageText(42, msg.message_id, undefined, 'v2'));
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    await tg.editMessageReplyMarkup(42, msg.message_id, undefined, {
      inline_keyboard: [[{ text: 'a', callback_data: 'a' }]],
    });
    await tg.deleteMessage(42, msg.message_id);
    expect(fake.chatMessages(42)).toHaveLength(0);
    const gone = await failure(tg.deleteMessage(42, msg.message_id));
    expect(gone.description).toBe('Bad Request: message to delete not found');
    const unknown = await failure(tg.callApi('noSuchMethod' as 'getMe', {}));
    expect(unknown.code).toBe(404);
  });
});
