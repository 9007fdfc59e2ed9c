import fc from 'fast-check';
import type { Chat } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, type FuzzBot, fuzzOptions, startFuzzBot } from '../support/fuzz-bot.ts';
import { callbackQuery, command, privateChat } from '../support/updates.ts';
import { junkCallbackData, tamper } from './arbitraries.ts';
import { actionsElsewhere, collectButtons, type RealButton, tapperFor } from './buttons.ts';

/**
 * Issue 7, bad input and security: callback data that is random, tampered, replayed in
 * another chat or over-long never acts, never acts elsewhere, and is always answered.
 */
let f: FuzzBot;
let real: RealButton[];
beforeAll(async () => {
  f = await startFuzzBot();
  real = await collectButtons(f);
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const opts = fuzzOptions(500);
const RUNS = opts(0).numRuns;
const TIMEOUT = 120_000;
const CHATS: Chat[] = [privateChat(cast.alice), privateChat(cast.bob), cast.group, cast.supergroup];
const chat = fc.constantFrom(...CHATS);

/** Taps `data` in `where` (on a real bot message there when one exists) and checks nothing changed. */
async function tapAndExpectNoEffect(where: Chat, data: string, messageId: number, from = tapperFor(where)) {
  const before = await f.snapshotAll();
  const digests = f.h.digestCalls.length;
  const mark = f.h.fake.mark();
  await f.send(callbackQuery(where, from, data, { messageId }));
  expect(await f.snapshotAll()).toEqual(before);
  expect(f.h.digestCalls.length).toBe(digests);
  expect(actionsElsewhere(f, mark, where.id)).toEqual([]);
  expect(f.h.fake.unansweredCallbackQueries()).toEqual([]);
}

const messageIn = (c: Chat, pick: number) => {
  const ids = real.filter((b) => b.chat.id === c.id).map((b) => b.messageId);
  return ids.length ? (ids[pick % ids.length] ?? 0) : 0;
};

describe('fuzzed callback data', () => {
  it('the bot showed buttons of every kind to start from', () => {
    const prefixes = new Set(real.map((b) => b.data.split(':')[0]));
    expect(real.length).toBeGreaterThan(20);
    expect(prefixes.size).toBeGreaterThanOrEqual(4);
  });

  it(
    'random data on any message changes no chat and is answered',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          chat,
          junkCallbackData,
          fc.nat(),
          fc.boolean(),
          async (where, data, pick, onReal) => {
            await tapAndExpectNoEffect(where, data, onReal ? messageIn(where, pick) : 0);
          },
        ),
        opts(7101),
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    'a real button with one character changed, cut or extended does nothing',
    async () => {
      const change = fc.oneof(
        fc.tuple(fc.nat(), fc.constantFrom('A', 'z', '0', '.', ':', '~', '-', '_', '四', '\u200d')),
        fc.tuple(fc.nat(), fc.constant('')),
        fc.tuple(fc.constant(-1), fc.string({ minLength: 1, maxLength: 80 })),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(), change, async (i, [pos, repl]) => {
          const b = real[i % real.length] as RealButton;
          const forged = pos < 0 ? b.data + repl : tamper(b.data, pos, repl);
          await tapAndExpectNoEffect(b.chat, forged, b.messageId);
        }),
        opts(7102),
      );
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    'a real button replayed from another chat acts neither there nor in its own chat',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), chat, fc.nat(), async (i, where, pick) => {
          const b = real[i % real.length] as RealButton;
          fc.pre(where.id !== b.chat.id);
          await tapAndExpectNoEffect(where, b.data, messageIn(where, pick));
        }),
        // full texts of long articles make these the slowest cases
        { ...opts(7103), numRuns: Math.min(RUNS, 300) },
      );
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    "a group's real buttons tapped by a non-admin change nothing",
    async () => {
      const groupButtons = () => real.filter((b) => b.chat.type !== 'private');
      await fc.assert(
        fc.asyncProperty(fc.nat(), async (i) => {
          const list = groupButtons();
          const b = list[i % list.length] as RealButton;
          // read:, paging and browsing are open to anyone; nothing a member taps may change a chat
          await tapAndExpectNoEffect(b.chat, b.data, b.messageId, cast.member);
        }),
        { ...opts(7104), numRuns: Math.min(RUNS, 200) },
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );
});

describe('rightful taps', () => {
  it(
    'real buttons tapped in any order by the rightful user answer cleanly',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), async (i) => {
          const b = real[i % real.length] as RealButton;
          const mark = f.h.fake.mark();
          await f.send(callbackQuery(b.chat, tapperFor(b.chat), b.data, { messageId: b.messageId }));
          expect(actionsElsewhere(f, mark, b.chat.id)).toEqual([]);
          expect(f.h.fake.unansweredCallbackQueries()).toEqual([]);
        }),
        { ...opts(7105), numRuns: Math.min(RUNS, 200) },
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );
});

describe('control', () => {
  it('a real unsubscribe button does act for the rightful user in their own chat', async () => {
    const me = privateChat(cast.alice);
    await f.send(command(me, cast.alice, 'unsub', 'all'));
    await f.send(command(me, cast.alice, 'sub', 'sichuanzaixian'));
    const list = (await f.send(command(me, cast.alice, 'list'))).find((m) => m.method === 'sendMessage');
    const rows = (list?.replyMarkup?.inline_keyboard as Array<Array<{ callback_data?: string }>>) ?? [];
    const data = rows.flat().find((b) => b.callback_data?.startsWith('unsub:'))?.callback_data;
    expect(data).toBeDefined();
    await f.send(callbackQuery(me, cast.alice, data ?? '', { messageId: list?.messageId }));
    expect((await f.snapshot(cast.alice.id))?.subscriptions).toEqual({});
    await f.assertHealthy();
  });
});
