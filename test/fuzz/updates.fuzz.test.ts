import fc from 'fast-check';
import type { Chat, Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, type FuzzBot, fuzzOptions, startFuzzBot } from '../support/fuzz-bot.ts';
import { incompleteUpdate, privateChat } from '../support/updates.ts';
import { COMMANDS, junkCallbackData, messageText } from './arbitraries.ts';

/**
 * Issue 7, bad input: updates Telegram may send that lack fields, carry lying entities, or
 * are of kinds the bot does not handle. None may crash the bot, and every query is answered.
 */
let f: FuzzBot;
beforeAll(async () => {
  f = await startFuzzBot();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const CHATS: Chat[] = [privateChat(cast.alice), cast.group, cast.supergroup, cast.channel];
const STRANGE_CHAT_ID = -42;
const asUpdate = (u: object) => u as Update;

const UNKNOWN_KINDS = [
  'poll',
  'poll_answer',
  'message_reaction',
  'message_reaction_count',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
  'inline_query',
  'chosen_inline_result',
  'shipping_query',
  'pre_checkout_query',
  'business_message',
  'some_future_kind',
];

/** Entities that do not match the text: beyond its end, zero length, negative, overlapping. */
const lyingEntities = fc.array(
  fc.record({
    type: fc.constantFrom('bot_command', 'mention', 'text_link', 'bold', 'url'),
    offset: fc.integer({ min: -5, max: 200 }),
    length: fc.integer({ min: -5, max: 200 }),
  }),
  { maxLength: 4 },
);

const oddUpdate: fc.Arbitrary<Update> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('no-from', 'no-text', 'no-title', 'callback-no-data', 'callback-no-message'),
      fc.constantFrom(...CHATS),
    )
    .map(([kind, chat]) => incompleteUpdate(kind as 'no-from', chat, cast.alice)),
  // a member's command text with entities that lie about where the command is
  fc
    .tuple(fc.constantFrom(cast.group, cast.supergroup), messageText, lyingEntities)
    .map(([chat, text, entities]) =>
      asUpdate({
        update_id: 0,
        message: { message_id: 0, date: 0, chat, from: cast.member, text, entities },
      }),
    ),
  // a message with no chat at all, or a chat of an unknown type
  fc.tuple(messageText, fc.boolean()).map(([text, noChat]) =>
    asUpdate({
      update_id: 0,
      message: {
        message_id: 0,
        date: 0,
        ...(noChat ? {} : { chat: { id: STRANGE_CHAT_ID, type: 'strange' } }),
        from: cast.alice,
        text,
        entities: [{ type: 'bot_command', offset: 0, length: Math.max(1, text.indexOf(' ')) }],
      },
    }),
  ),
  // edits of commands, in chats and channels
  fc
    .tuple(fc.constantFrom(...CHATS), fc.constantFrom(...COMMANDS), fc.boolean())
    .map(([chat, name, channel]) =>
      asUpdate({
        update_id: 0,
        [channel ? 'edited_channel_post' : 'edited_message']: {
          message_id: 1,
          date: 0,
          edit_date: 1,
          chat,
          ...(channel ? {} : { from: cast.admin }),
          text: `/${name} all`,
          entities: [{ type: 'bot_command', offset: 0, length: name.length + 1 }],
        },
      }),
    ),
  // a caption that looks like a command on a photo
  fc.tuple(fc.constantFrom(...CHATS), fc.constantFrom(...COMMANDS)).map(([chat, name]) =>
    asUpdate({
      update_id: 0,
      message: {
        message_id: 0,
        date: 0,
        chat,
        from: cast.admin,
        photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }],
        caption: `/${name} all`,
        caption_entities: [{ type: 'bot_command', offset: 0, length: name.length + 1 }],
      },
    }),
  ),
  // a callback query from a game button, or on a message the bot never sent
  fc.tuple(fc.constantFrom(...CHATS), junkCallbackData, fc.boolean()).map(([chat, data, game]) =>
    asUpdate({
      update_id: 0,
      callback_query: {
        id: '',
        from: cast.alice,
        chat_instance: 'x',
        ...(game ? { game_short_name: data } : { data }),
        message: { message_id: 999_999, date: 0, chat, from: cast.alice, text: 'not ours' },
      },
    }),
  ),
  fc
    .tuple(fc.constantFrom(...UNKNOWN_KINDS), fc.jsonValue())
    .map(([kind, body]) => asUpdate({ update_id: 0, [kind]: body })),
);

describe('fuzzed update shapes', () => {
  it('missing fields, lying entities, edits and unknown kinds never crash the bot', async () => {
    await fc.assert(
      fc.asyncProperty(oddUpdate, async (update) => {
        const before = await f.snapshotAll();
        await f.send(update);
        const after = await f.snapshotAll();
        // a chat of a type Telegram may add later may get a record (/start is open to anyone)
        after.delete(STRANGE_CHAT_ID);
        before.delete(STRANGE_CHAT_ID);
        expect(after).toEqual(before);
        expect(f.h.fake.unansweredCallbackQueries()).toEqual([]);
      }),
      fuzzOptions(500)(7201),
    );
    await f.canary();
    // malformed shapes (a message without a chat, a chat_boost without its boost) may fail
    // inside a handler: that must stay a logged, counted error, never a crash or a rejection
    await f.assertHealthy({ countedErrorsOk: true });
  }, 120_000);
});
