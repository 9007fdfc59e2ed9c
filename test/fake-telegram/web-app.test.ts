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

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TelegramError);
  return (err as TelegramError).description;
}

const app = (url: string) => ({ reply_markup: { inline_keyboard: [[{ text: '打开', web_app: { url } }]] } });

describe('web_app buttons and the menu button, as Telegram checks them', () => {
  it('inline web_app buttons work in private chats with an https URL', async () => {
    await tg.sendMessage(42, 'hi', app('https://kx.example.test/app/'));
    expect(fake.sent(42)[0]?.replyMarkup).toEqual(app('https://kx.example.test/app/').reply_markup);
    expect(await refusal(tg.sendMessage(42, 'hi', app('http://kx.example.test/app/')))).toBe(
      'Bad Request: BUTTON_URL_INVALID',
    );
  });

  it('refuses inline web_app buttons in groups and channels', async () => {
    fake.addChat({ id: -100777, type: 'supergroup' });
    fake.addChat({ id: -100778, type: 'channel' });
    for (const id of [-100777, -100778, -777]) {
      expect(await refusal(tg.sendMessage(id, 'hi', app('https://kx.example.test/app/')))).toBe(
        'Bad Request: BUTTON_TYPE_INVALID',
      );
    }
    expect(fake.rejected({ reason: 'validation' })).toHaveLength(3);
  });

  it('stores the bot-wide menu button and a private chat’s own, and checks them', async () => {
    expect(fake.menuButton()).toEqual({ type: 'commands' });
    const button = {
      type: 'web_app' as const,
      text: '设置',
      web_app: { url: 'https://kx.example.test/app/' },
    };
    await tg.setChatMenuButton({ menuButton: button });
    expect(fake.menuButton()).toEqual(button);
    expect(fake.menuButton(42)).toEqual(button);
    await tg.setChatMenuButton({ chatId: 42, menuButton: { type: 'commands' } });
    expect(fake.menuButton(42)).toEqual({ type: 'commands' });
    expect(await tg.getChatMenuButton({ chatId: 43 })).toEqual(button);
    const http = { ...button, web_app: { url: 'http://kx.example.test/app/' } };
    expect(await refusal(tg.setChatMenuButton({ menuButton: http }))).toBe('Bad Request: BUTTON_URL_INVALID');
    expect(await refusal(tg.setChatMenuButton({ menuButton: { ...button, text: ' ' } }))).toBe(
      'Bad Request: BUTTON_TEXT_INVALID',
    );
    expect(await refusal(tg.setChatMenuButton({ chatId: -100, menuButton: button }))).toBe(
      'Bad Request: chat is not a private chat',
    );
  });
});
