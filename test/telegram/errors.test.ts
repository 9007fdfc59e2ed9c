import { Telegram, TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyBotError, isNotModified } from '../../src/telegram/errors.ts';

/** telegraf's own error, as callApi throws it for an answer with ok: false */
const tg = (error_code: number, description: string, parameters?: object) =>
  new TelegramError({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) } as never);

describe('Bot API error classifier', () => {
  it('reads 429 with its retry_after, and a 429 that did not say', () => {
    expect(classifyBotError(tg(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toEqual({
      kind: 'rate',
      status: 429,
      description: 'Too Many Requests: retry after 7',
      retryAfterS: 7,
    });
    expect(classifyBotError(tg(429, 'Too Many Requests')).retryAfterS).toBeUndefined();
  });

  it('tells a migrated group by migrate_to_chat_id, whatever the status', () => {
    const e = classifyBotError(
      tg(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: -1001234,
      }),
    );
    expect(e).toMatchObject({ kind: 'migrated', toChatId: -1001234, status: 400 });
  });

  it.each([
    [403, 'Forbidden: bot was blocked by the user', 'blocked'],
    [403, "Forbidden: bot can't initiate conversation with a user", 'blocked'],
    [400, 'Bad Request: chat not found', 'chat-gone'],
    [400, 'Bad Request: PEER_ID_INVALID', 'chat-gone'],
    [400, 'Bad Request: message thread not found', 'thread-gone'],
    [400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3', 'bad-html'],
    [400, 'Bad Request: can\'t find end tag corresponding to start tag "b"', 'bad-html'],
    [400, 'Bad Request: message is too long', 'too-long'],
    [400, 'Bad Request: message is not modified: specified new message content is the same', 'not-modified'],
    [401, 'Unauthorized', 'unauthorized'],
    [404, 'Not Found', 'not-found'],
    [409, 'Conflict: terminated by other getUpdates request', 'conflict'],
    [502, 'Bad Gateway', 'server'],
    [400, 'Bad Request: BUTTON_DATA_INVALID', 'rejected'],
  ] as const)('%i %s → %s', (status, description, kind) => {
    expect(classifyBotError(tg(status, description))).toMatchObject({ kind, status, description });
  });

  it('counts anything without a Bot API answer as network', async () => {
    const refused = await new Telegram('1:x', { apiRoot: 'http://127.0.0.1:9' }).getMe().catch((e) => e);
    expect(classifyBotError(refused)).toMatchObject({ kind: 'network', status: undefined });
    expect(classifyBotError(new DOMException('timeout', 'TimeoutError')).kind).toBe('network');
    expect(classifyBotError(undefined).kind).toBe('network');
  });

  it('keeps descriptions short enough to log', () => {
    expect(classifyBotError(tg(400, `Bad Request: ${'x'.repeat(1000)}`)).description).toHaveLength(300);
  });

  it('finds "not modified" for edits and nothing else', () => {
    expect(isNotModified(tg(400, 'Bad Request: message is not modified'))).toBe(true);
    expect(isNotModified(tg(400, 'Bad Request: message to edit not found'))).toBe(false);
    expect(isNotModified(new Error('message is not modified'))).toBe(false);
  });
});
