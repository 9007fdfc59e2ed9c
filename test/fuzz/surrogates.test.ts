import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCleanOutput, buttons, type Harness, startHarness } from '../support/bot-harness.ts';
import { callbackQuery, command, privateChat, user } from '../support/updates.ts';

/**
 * Found by the fuzz work: text cut by UTF-16 length can end in half a surrogate pair, which
 * Telegram refuses ("strings must be encoded in UTF-8"): a button's answer naming a long
 * emoji category name (the tap was never answered), and /read's echo of an unknown id.
 */
let h: Harness;
const u = user(9101);
const me = privateChat(u);
const NAMES = [`a${'😀'.repeat(150)}`, `${'😀'.repeat(95)}b${'👨‍👩‍👧'.repeat(40)}`, `x${'𠀀'.repeat(120)}`];

beforeAll(async () => {
  h = await startHarness();
  NAMES.forEach((source, i) => {
    h.deps.registry.observe({
      slug: `emojisrc${i}`,
      source,
      tag: '',
      newPosts: 99 - i,
      seenAt: h.deps.now(),
    });
  });
});
afterAll(async () => {
  await h?.close();
});

const tapAll = async (text: string, prefix: string) => {
  const [name, ...args] = text.split(' ');
  const sent = await h.send(command(me, u, name ?? 'help', args.join(' ')));
  const withButtons = sent.filter((m) => buttons(m).some((b) => b.data.startsWith(prefix)));
  expect(withButtons.length, text).toBeGreaterThan(0);
  for (const m of withButtons) {
    for (const b of buttons(m).filter((x) => x.data.startsWith(prefix))) {
      await h.send(callbackQuery(me, u, b.data, { messageId: m.messageId }));
    }
  }
};

describe('callback answers naming long non-BMP category names', () => {
  it('are valid UTF-8 and every tap is answered', async () => {
    for (let i = 0; i < NAMES.length; i++) await tapAll(`categories emojisrc${i}`, 'cat:t:'); // subscribe
    for (let i = 0; i < NAMES.length; i++) await tapAll(`categories emojisrc${i}`, 'cat:t:'); // unsubscribe
    await tapAll('sub emojisrcX', 'sub:');
    await tapAll('list', 'unsub:');
    expect(h.fake.rejected({ method: 'answerCallbackQuery' }).map((c) => c.description)).toEqual([]);
    expect(h.fake.unansweredCallbackQueries()).toEqual([]);
    assertCleanOutput(h.fake);
  });
});

describe('arguments of astral characters at odd offsets', () => {
  it('every command echoes them without half characters', async () => {
    const odd = [`a${'😀'.repeat(60)}`, `ab${'𠀀'.repeat(60)}`, `${'😀'.repeat(30)}`];
    const cmds = ['read', 'categories', 'search', 'latest', 'digest', 'mode', 'lang', 'sub', 'unsub', 'list'];
    for (const name of cmds) {
      for (const arg of odd) await h.send(command(me, u, name, arg));
    }
    expect(h.fake.rejected({ reason: 'validation' }).map((c) => `${c.method}: ${c.description}`)).toEqual([]);
    expect((await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0).toBe(0);
  });
});
