import fc from 'fast-check';
import { FRAGMENTS } from './fragments.ts';

/** Every command the bot knows, its aliases, and a few it does not. */
export const COMMANDS = [
  'start',
  'help',
  'categories',
  'subscribe',
  'sub',
  'unsubscribe',
  'unsub',
  'list',
  'latest',
  'search',
  'read',
  'mode',
  'digest',
  'settings',
  'lang',
  'stats',
  'x',
  'foo_bar',
  'START',
  'subscribeX',
] as const;

/** Commands that change a chat; a non-admin in a group must leave the chat exactly as it was. */
export const MANAGE_COMMANDS = [
  'subscribe',
  'sub',
  'unsubscribe',
  'unsub',
  'mode',
  'digest',
  'settings',
  'lang',
];

export const BOT_USERNAME = 'kuaixun_test_bot';

/** A text made of adversarial fragments, random unicode, raw UTF-16, or one huge run. */
export const adversarialText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // raw UTF-16 code units: lone surrogates, NUL and C1 controls included
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 })
      .map((units) => String.fromCharCode(...units)),
  },
  // astral characters after a prefix of odd length: any cut by UTF-16 length splits one
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'abc', 'a', ''),
        fc.array(fc.constantFrom('😀', '𠀀', '🇨🇳'), { minLength: 10, maxLength: 60 }),
      )
      .map(([prefix, chars]) => prefix + chars.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', '四', '<', '&', '\u200d', '👨‍👩‍👧', ' x', '\ud83d'),
        fc.integer({ min: 2_000, max: 10_000 }),
      )
      .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)),
  },
);

/** How a command is addressed: bare, to us, to another bot, in another case. */
export const suffix = fc.constantFrom(
  '',
  '',
  `@${BOT_USERNAME}`,
  '@otherbot',
  '@KUAIXUN_TEST_BOT',
  '@',
  '@@x',
);

/** A full message text: a command with arguments, or plain text. */
export const messageText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...COMMANDS), suffix, fc.constantFrom(' ', '\n', '  ', ''), adversarialText)
      .map(([name, at, sep, args]) => `/${name}${at}${args ? sep : ''}${args}`),
  },
  { weight: 1, arbitrary: adversarialText },
);

/** Changes one byte-ish position of `data` (never returns it unchanged). */
export function tamper(data: string, pos: number, replacement: string): string {
  const i = data.length ? pos % data.length : 0;
  const next = data.slice(0, i) + replacement + data.slice(i + 1);
  return next === data ? `${data}x` : next;
}

/** Random callback data: short junk, look-alikes of our prefixes, over-long strings. */
export const junkCallbackData: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom('read:', 'sub:', 'unsub:', 'cat:', 'set:', 'srch:', 'lst:', 'x:', ''),
      fc.string({ maxLength: 40 }),
      fc.option(fc.string({ minLength: 8, maxLength: 8 })),
    )
    .map(([p, body, mac]) => `${p}${body}${mac === null ? '' : `.${mac}`}` || 'x'),
  fc.string({ minLength: 65, maxLength: 300 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
);
