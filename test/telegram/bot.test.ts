import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, registerCommandMenus } from '../../src/telegram/bot.ts';
import { createWebhookHandler, startWebhookServer } from '../../src/telegram/webhook.ts';
import { assertCleanOutput, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import {
  command,
  groupChat,
  incompleteUpdate,
  privateChat,
  privateMessage,
  user,
} from '../support/updates.ts';

let h: Harness | undefined;
afterEach(async () => {
  if (h) {
    assertCleanOutput(h.fake);
    await h.close();
  }
  h = undefined;
});

const alice = user(5001);
const cmd = (name: string, args = '') => command(privateChat(alice), alice, name, args);
const errorsCounted = async (x: Harness) => (await x.deps.metrics.updateErrors.get()).values[0]?.value ?? 0;

describe('the bot as a whole', () => {
  it('throttles a user over USER_RATE_LIMIT: one polite warning, then silence, then back', async () => {
    let clock = 1_700_000_000_000;
    h = await startHarness({ env: { USER_RATE_LIMIT: '3' }, now: () => clock });
    const replies: string[][] = [];
    for (let i = 0; i < 6; i++) replies.push(texts(await h.send(cmd('help'))));
    expect(replies.slice(0, 3).every((r) => r.length === 1 && r[0]?.includes('/categories'))).toBe(true);
    expect(replies[3]).toEqual(['请慢一点，稍后再试。']);
    expect(replies[4]).toEqual([]);
    expect(replies[5]).toEqual([]);
    // another user is not affected
    const bob = user(5002);
    expect(texts(await h.send(command(privateChat(bob), bob, 'help')))).toHaveLength(1);
    clock += 60_000;
    expect(texts(await h.send(cmd('help')))).toHaveLength(1);
  });

  it('admin lists are cached briefly: a demotion takes effect once the cache expires', async () => {
    let clock = 1_700_000_000_000;
    h = await startHarness({ now: () => clock });
    const g = groupChat(-7001);
    const boss = user(7001);
    h.fake.addChat({ id: g.id, type: 'group', admins: [{ userId: boss.id }] });
    await h.send(command(g, boss, 'sub', 'emnews'));
    const asked = () => h?.fake.callsTo('getChatAdministrators').length;
    expect(asked()).toBe(1);
    h.fake.setAdmins(g.id, []);
    await h.send(command(g, boss, 'sub', 'sichuanribao'));
    expect(asked()).toBe(1);
    clock += 31_000;
    expect(texts(await h.send(command(g, boss, 'unsub', 'all'))).join('')).toContain('只有群管理员');
    expect(asked()).toBe(2);
    expect(Object.keys((await h.deps.chats.get(g.id))?.subscriptions ?? {}).sort()).toEqual([
      'emnews',
      'sichuanribao',
    ]);
  });

  it('registers the command menus in Chinese and English for private chats and groups', async () => {
    h = await startHarness();
    await registerCommandMenus(h.bot.telegram);
    for (const type of ['all_private_chats', 'all_group_chats']) {
      const zh = h.fake.commands({ type });
      const en = h.fake.commands({ type }, 'en');
      expect(zh?.find((c) => c.command === 'sub')?.description).toBe('订阅来源');
      expect(en?.find((c) => c.command === 'sub')?.description).toBe('Subscribe to sources');
      expect(zh?.map((c) => c.command)).toEqual(en?.map((c) => c.command));
    }
  });

  it('a failing dependency gets a polite reply, is logged and counted, and the bot goes on', async () => {
    h = await startHarness();
    const original = h.deps.chats.subscribe;
    h.deps.chats.subscribe = async () => {
      throw new Error('disk on fire');
    };
    expect(texts(await h.send(cmd('sub', 'emnews')))).toEqual(['抱歉，出了点问题，请稍后再试。']);
    expect(await errorsCounted(h)).toBe(1);
    expect(h.t.logs.some((l) => l.level === 50 && JSON.stringify(l).includes('disk on fire'))).toBe(true);
    h.deps.chats.subscribe = original;
    expect(texts(await h.send(cmd('sub', 'emnews'))).join('')).toContain('已订阅');
  });

  it('bad input: huge, HTML-laden, invisible and broken arguments get clear valid replies', async () => {
    h = await startHarness();
    const nasty = [
      'x'.repeat(10_000),
      '<b>bold</b> &amp; <a href="javascript:alert(1)">x</a>',
      '\u200f\u200b\u202e四川日报\u200d',
      '\ud800 lone surrogate',
      '*_`[markdown](x)`_*',
      '\u0000\u0007 control',
      '👨‍👩‍👧‍👦🇨🇳',
      '',
    ];
    const names = [
      'sub',
      'unsub',
      'list',
      'categories',
      'mode',
      'digest',
      'settings',
      'lang',
      'start',
      'stats',
    ];
    for (const name of names) for (const arg of nasty) await h.send(cmd(name, arg));
    expect(await errorsCounted(h)).toBe(0);
    // the bidi-wrapped name still resolves once the controls are dropped
    await h.send(cmd('unsub', 'all'));
    await h.send(cmd('sub', nasty[2]));
    expect(await h.deps.chats.subscribers('sichuanribao')).toEqual([alice.id]);
    for (const kind of ['no-from', 'no-text', 'no-title'] as const) {
      await h.send(incompleteUpdate(kind, privateChat(alice), alice));
    }
    expect(await errorsCounted(h)).toBe(0);
  });

  it('never writes the token into logs', async () => {
    h = await startHarness();
    await h.send(cmd('start'));
    await h.send(privateMessage(alice, 'hello'));
    h.fake.failNext('sendMessage', 1, { kind: 'server-error' });
    await h.send(cmd('help'));
    const all = JSON.stringify(h.t.logs);
    expect(all).not.toContain(h.fake.token);
    expect(all).not.toContain(h.fake.token.split(':')[1]);
  });
});

describe('webhook mode', () => {
  it('startWebhookServer registers the URL with the secret and serves updates; close is idempotent', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const secret = 'Another_secret_for_the_webhook_42';
    h = await startHarness({
      launch: false,
      env: {
        WEBHOOK_URL: `http://127.0.0.1:${port}/tg/hook`,
        WEBHOOK_SECRET: secret,
        WEBHOOK_PORT: String(port),
      },
    });
    const server = await startWebhookServer(h.bot, h.deps, { host: '127.0.0.1' });
    try {
      expect(h.fake.callsTo('setWebhook')[0]?.body).toMatchObject({ secret_token: secret });
      const ok = await h.fake.postUpdate(cmd('help'));
      expect(ok.status).toBe(200);
      expect((await h.fake.waitForSent(alice.id)).plainText).toContain('/categories');
      const refused = await h.fake.postUpdate(cmd('help'), { secretToken: null });
      expect(refused.status).toBe(403);
    } finally {
      await server.close();
      await server.close();
    }
    expect(h.fake.callsTo('deleteWebhook')).toHaveLength(1);
  });

  it('refuses requests without the secret (403, counted) and handles the rest', async () => {
    const secret = 'S3cret_for_webhook_tests_0123';
    h = await startHarness({ env: { WEBHOOK_URL: 'https://bot.example/hook', WEBHOOK_SECRET: secret } });
    const x = h;
    const bot = createBot(x.deps);
    const handler = createWebhookHandler(bot, x.deps, '/hook');
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const update = {
      update_id: 99_001,
      message: { ...(cmd('help') as { message: object }).message, message_id: 1, date: 1 },
    };
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
    try {
      expect((await post({})).status).toBe(403);
      expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-wrong-secret' })).status).toBe(
        403,
      );
      expect((await x.deps.metrics.webhookRefused.get()).values[0]?.value).toBe(2);
      expect(x.fake.messages(alice.id)).toEqual([]);
      expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
      const reply = await x.fake.waitForSent(alice.id);
      expect(reply.plainText).toContain('/categories');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
