import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { checkTelegramHtml } from '../support/strict-html.ts';

const htmlish = fc.array(
  fc.oneof(
    fc.string(),
    fc.constantFrom(
      '<b>',
      '</b>',
      '<i>',
      '</i>',
      '<a href="https://x.y">',
      '</a>',
      '<pre>',
      '<code class="language-js">',
    ),
    fc.constantFrom(
      '</code>',
      '</pre>',
      '&amp;',
      '&lt;',
      '&#x1F600;',
      '&',
      '<',
      '>',
      '<br>',
      '&#',
      '<a href=',
      '"',
      "'",
    ),
  ),
  { maxLength: 30 },
);

describe('checkTelegramHtml on arbitrary input', () => {
  it('never throws, and accepted text has entities inside the plain text', () => {
    fc.assert(
      fc.property(htmlish, (parts) => {
        const r = checkTelegramHtml(parts.join(''));
        if (!r.ok) {
          expect(r.error).toMatch(/at byte offset \d+$/);
          return;
        }
        for (const e of r.entities) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.length).toBeGreaterThan(0);
          expect(e.offset + e.length).toBeLessThanOrEqual(r.plainText.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the server on malformed requests', () => {
  let fake: FakeTelegram;
  beforeAll(async () => {
    fake = await startFakeTelegram({ rateLimits: false });
  });
  afterAll(() => fake.close());

  const post = async (method: string, body: string, type = 'application/json') => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; description?: string } };
  };

  it('answers every odd parameter with a Bot API error, never a crash', async () => {
    const values = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(
        null,
        '',
        '@',
        '@x',
        -1,
        0,
        1e30,
        [],
        {},
        { inline_keyboard: 'x' },
        { inline_keyboard: [[null]] },
      ),
    );
    const methods = fc.constantFrom(
      'sendMessage',
      'editMessageText',
      'editMessageReplyMarkup',
      'deleteMessage',
      'answerCallbackQuery',
      'getChat',
      'getChatMember',
      'getChatAdministrators',
      'setMyCommands',
      'getMyCommands',
      'setWebhook',
      'sendPhoto',
      'sendChatAction',
    );
    const keys = fc.constantFrom(
      'chat_id',
      'text',
      'parse_mode',
      'reply_markup',
      'message_id',
      'callback_query_id',
      'user_id',
      'commands',
      'scope',
      'language_code',
      'url',
      'secret_token',
      'photo',
      'caption',
      'action',
      'reply_parameters',
      'link_preview_options',
    );
    await fc.assert(
      fc.asyncProperty(methods, fc.dictionary(keys, values), async (method, params) => {
        const { status, json } = await post(method, JSON.stringify(params));
        expect(status === 200 ? json.ok : !json.ok).toBe(true);
        expect(json.description ?? '').not.toMatch(/fake Telegram bug/);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses bodies that are not a JSON object', async () => {
    expect((await post('sendMessage', '{not json')).status).toBe(400);
    expect((await post('sendMessage', '[1,2]')).status).toBe(400);
    const form = await post('sendMessage', 'chat_id=5&text=hi%20there', 'application/x-www-form-urlencoded');
    expect(form.json.ok).toBe(true);
    expect(fake.messages(5).at(-1)?.text).toBe('hi there');
  });
});
