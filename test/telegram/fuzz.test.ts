import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCleanOutput, type Harness, startHarness } from '../support/bot-harness.ts';
import { callbackQuery, command, groupChat, privateChat, user } from '../support/updates.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.addChat({ id: group.id, type: 'group', admins: [{ userId: alice.id }] });
});
afterAll(async () => {
  await h.close();
});

const alice = user(6001);
const group = groupChat(-6001);
const NAMES = [
  'sub',
  'unsub',
  'list',
  'categories',
  'mode',
  'digest',
  'settings',
  'lang',
  'start',
  'help',
  'stats',
  'x',
];
const FRAGMENTS = [
  '<',
  '>',
  '&',
  '&amp;',
  '<b>',
  '</i>',
  '@',
  '#',
  '/',
  '\u200f',
  '\u200d',
  '\ufeff',
  '\ud83d',
  '四川',
  'all',
  'now',
  'tz',
  '@kuaixun_test_bot',
  '\n',
  ' ',
  ':',
  '.',
];
const arg = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

describe('fuzzed commands and callbacks', () => {
  it('never crash, never send invalid HTML, always answer callbacks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        arg,
        fc.boolean(),
        fc.option(fc.string({ maxLength: 70 })),
        async (name, text, inGroup, data) => {
          const chat = inGroup ? group : privateChat(alice);
          await h.send(command(chat, alice, name, text));
          if (data !== null) await h.send(callbackQuery(chat, alice, data || 'x', { messageId: 1 }));
        },
      ),
      { numRuns: 120, seed: 20261129 },
    );
    expect((await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0).toBe(0);
    assertCleanOutput(h.fake);
  });
});
