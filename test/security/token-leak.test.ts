import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { callbackQuery, command, groupChat, privateChat, user } from '../support/updates.ts';

/**
 * Issue 7, security: the bot token never appears in logs, error messages, metrics or replies,
 * even when Telegram and the site fail in every way we can induce. The harness logger does
 * not know the fake's token, so this checks that no code path puts it into a line at all,
 * not only that the production scrubber would have masked it.
 */
let h: Harness;
const alice = user(8101);
const admin = user(8102);
const group = groupChat(-8101);
const me = privateChat(alice);

beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'debug' } });
  h.fake.addChat({ id: group.id, type: 'group', admins: [{ userId: admin.id }] });
});
afterAll(async () => {
  await h?.close();
});

const SEND = ['sendMessage', 'editMessageText', 'answerCallbackQuery'];

async function session() {
  const cmds = [
    'start',
    'help',
    'sub sichuanribao',
    'list',
    'latest',
    'search 四川',
    'settings',
    'categories',
  ];
  for (const c of cmds) {
    const [name, ...args] = c.split(' ');
    await h.send(command(me, alice, name ?? 'help', args.join(' ')));
  }
  await h.send(command(group, admin, 'sub', 'emnews'));
  await h.send(callbackQuery(me, alice, 'forged.data', { messageId: 1 }));
}

describe('the bot token', () => {
  it('never appears in logs, replies, error texts or metrics, faults included', async () => {
    const token = h.fake.token;
    const secret = token.slice(token.indexOf(':') + 1);
    expect(secret.length).toBeGreaterThan(20);

    await session();
    // every kind of Telegram failure on the bot's own calls
    const faults = [
      { kind: 'server-error', status: 502 },
      { kind: 'server-error', status: 500 },
      { kind: 'drop' },
      { kind: 'hang', ms: 50 },
      { kind: 'error', code: 401, description: 'Unauthorized' },
      { kind: 'error', code: 403, description: 'Forbidden: bot was blocked by the user' },
      { kind: 'error', code: 400, description: "Bad Request: can't parse entities" },
      { kind: 'retry-after', seconds: 1 },
    ] as const;
    for (const fault of faults) {
      h.fake.failNext(SEND, 2, fault);
      await session();
      h.fake.clearFaults();
    }
    // the site down and garbage while commands need it
    h.site.fault('*', 'down');
    await h.send(command(me, alice, 'sub', 'newslugnotknown'));
    h.site.fault('*', 'garbage');
    await h.send(command(me, alice, 'sub', 'anotherunknownslug'));
    h.site.clearFaults();
    // the admin lookup failing
    h.fake.failNext('getChatAdministrators', 3, { kind: 'drop' });
    await h.send(command(group, admin, 'mode', 'digest'));

    const logs = h.t.logs.map((l) => JSON.stringify(l));
    const replies = h.fake.calls.map((c) => JSON.stringify(c.body ?? {}));
    const metrics = await h.deps.metrics.registry.metrics();
    // the session did produce errors and failed calls worth grepping
    expect(logs.some((l) => /"level":(40|50)/.test(l))).toBe(true);
    expect(h.fake.calls.filter((c) => c.state !== 'ok').length).toBeGreaterThan(5);
    for (const [what, lines] of [
      ['logs', logs],
      ['bodies of calls to Telegram', replies],
      ['metrics', [metrics]],
    ] as const) {
      const leaks = lines.filter((l) => l.includes(secret) || l.includes(encodeURIComponent(token)));
      expect(leaks, what).toEqual([]);
    }
    // errors the Telegram client throws (what jobs log or print) carry no token either
    const thrown: string[] = [];
    for (const fault of faults) {
      h.fake.failNext('sendMessage', 1, fault);
      await h.bot.telegram.sendMessage(alice.id, 'x').catch((err: unknown) => {
        const e = err as Error & Record<string, unknown>;
        thrown.push(String(e), e.stack ?? '', JSON.stringify(e), JSON.stringify(Object.entries(e)));
      });
    }
    h.fake.clearFaults();
    expect(thrown.length).toBeGreaterThan(10);
    expect(thrown.filter((t) => t.includes(secret))).toEqual([]);
    // the bot still works afterwards (once the announced retry_after window is over)
    await new Promise((r) => setTimeout(r, 1_100));
    const sent = await h.send(command(me, alice, 'help'));
    expect(sent.some((m) => m.method === 'sendMessage')).toBe(true);
  }, 60_000);
});
