import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/telegram/bot.ts';
import { createWebhookHandler, SECRET_HEADER } from '../../src/telegram/webhook.ts';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

/**
 * Issue 7, security: in webhook mode every request must carry WEBHOOK_SECRET in Telegram's
 * header. Anything else is refused with 403, counted, and has no effect at all.
 */
const SECRET = 'Webhook_Secret_for_security_tests_9';
const eve = user(8201);
let h: Harness;
let server: Server;
let base: string;
let seq = 500_000;
const handlerFailures: unknown[] = [];
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startHarness({
    launch: false,
    env: { WEBHOOK_URL: 'https://bot.example/hook', WEBHOOK_SECRET: SECRET },
  });
  const bot = createBot(h.deps);
  bot.botInfo = await bot.telegram.getMe();
  const handler = createWebhookHandler(bot, h.deps, '/hook');
  // as startWebhookServer does: a failed request is logged and answered 500
  server = createServer((req, res) => {
    handler(req, res).catch((err) => {
      handlerFailures.push(err);
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await new Promise((r) => server?.close(r));
  await h?.close();
});

/** a /sub from eve, as Telegram would POST it */
const subUpdate = () => {
  const u = command(privateChat(eve), eve, 'sub', 'sichuanribao') as { message: object };
  return JSON.stringify({ update_id: ++seq, message: { ...u.message, message_id: seq, date: 1 } });
};

/** Raw HTTP so that odd headers (repeated, empty, arrays) reach the server as written. */
function post(
  headers: Array<[string, string]>,
  opts: { path?: string; method?: string; body?: string; splitAt?: number } = {},
) {
  return new Promise<number>((resolve, reject) => {
    const req = request(`${base}${opts.path ?? '/hook'}`, { method: opts.method ?? 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    const grouped = new Map<string, string[]>();
    for (const [k, v] of headers) grouped.set(k, [...(grouped.get(k) ?? []), v]);
    for (const [k, v] of grouped) req.setHeader(k, v.length === 1 ? (v[0] as string) : v);
    const body = Buffer.from(opts.body ?? subUpdate());
    const at = opts.splitAt;
    if (at === undefined) return void req.end(body);
    // two writes a moment apart arrive as two chunks, as they do through real networks
    req.setHeader('content-length', String(body.length));
    req.write(body.subarray(0, at));
    setTimeout(() => req.end(body.subarray(at)), 30);
  });
}

const refusedCount = async () => (await h.deps.metrics.webhookRefused.get()).values[0]?.value ?? 0;

describe('webhook secret', () => {
  it('refuses every request without exactly the right secret: 403, counted, no effect', async () => {
    const wrong: Array<Array<[string, string]>> = [
      [],
      [[SECRET_HEADER, '']],
      [[SECRET_HEADER, SECRET.toLowerCase()]],
      [[SECRET_HEADER, SECRET.slice(0, -1)]],
      [[SECRET_HEADER, `${SECRET}x`]],
      [[SECRET_HEADER, `${SECRET.slice(0, -1)}0`]],
      // (leading/trailing blanks are not in this list: HTTP strips them from header values)
      [[SECRET_HEADER, `${SECRET.slice(0, 10)} ${SECRET.slice(10)}`]],
      [
        [SECRET_HEADER, SECRET],
        [SECRET_HEADER, SECRET],
      ],
      [
        [SECRET_HEADER, 'x'],
        [SECRET_HEADER, SECRET],
      ],
      [['x-telegram-bot-api-secret', SECRET]],
      [['authorization', `Bearer ${SECRET}`]],
      [['cookie', `${SECRET_HEADER}=${SECRET}`]],
      [[SECRET_HEADER, h.fake.token]],
    ];
    const before = await refusedCount();
    for (const headers of wrong) expect(await post(headers), JSON.stringify(headers)).toBe(403);
    // the secret in the query string or on another path is no secret header either
    expect(await post([], { path: `/hook?secret_token=${SECRET}` })).toBe(403);
    expect(await post([], { path: '/other' })).toBe(403);
    expect(await post([], { method: 'GET', body: '' })).toBe(403);
    expect(await post([], { body: 'x'.repeat(2_000_000) })).toBe(403);
    expect(await refusedCount()).toBe(before + wrong.length + 4);
    expect(await h.deps.chats.get(eve.id)).toBeUndefined();
    expect(h.fake.messages(eve.id)).toEqual([]);
  });

  it('processes the same update with the right secret', async () => {
    const before = await refusedCount();
    expect(await post([[SECRET_HEADER, SECRET]])).toBe(200);
    const reply = await h.fake.waitForSent(eve.id, (m) => m.method === 'sendMessage');
    expect(reply.plainText).toContain('sichuanribao');
    expect(Object.keys((await h.deps.chats.get(eve.id))?.subscriptions ?? {})).toEqual(['sichuanribao']);
    expect(await refusedCount()).toBe(before);
  });

  it('keeps Chinese text intact when a character is split between two chunks of the body', async () => {
    const mallory = user(8202);
    const u = command(privateChat(mallory), mallory, 'sub', '四川日报') as { message: object };
    const body = JSON.stringify({ update_id: ++seq, message: { ...u.message, message_id: seq, date: 1 } });
    const splitAt = Buffer.from(body).indexOf(Buffer.from('四')) + 1;
    expect(await post([[SECRET_HEADER, SECRET]], { body, splitAt })).toBe(200);
    const reply = await h.fake.waitForSent(mallory.id, (m) => m.method === 'sendMessage');
    expect(reply.plainText).not.toContain('\ufffd');
    expect(Object.keys((await h.deps.chats.get(mallory.id))?.subscriptions ?? {})).toEqual(['sichuanribao']);
  });

  it('garbage bodies with the right secret are refused or ignored, never a crash', async () => {
    const ok: Array<[string, string]> = [[SECRET_HEADER, SECRET]];
    const bodies = [
      '',
      'null',
      '[]',
      '{}',
      'not json',
      '{"update_id":"x"}',
      '{"update_id":1,"message":null}',
      '{"update_id":2,"message":{"chat":null,"text":"/help"}}',
      '{"update_id":3,"callback_query":{"id":"q","data":"x"}}',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      JSON.stringify({ update_id: 4, message: { text: 'x'.repeat(3_000_000) } }),
    ];
    for (const body of bodies) {
      const status = await post(ok, { body });
      expect([200, 400, 415, 500], body.slice(0, 40)).toContain(status);
    }
    // still serving, and nothing escaped as an unhandled rejection
    expect(await post(ok)).toBe(200);
    expect(rejections).toEqual([]);
  });

  it('never writes the secret into logs or metrics', async () => {
    const logs = h.t.logs.map((l) => JSON.stringify(l));
    expect(logs.some((l) => l.includes('webhook request refused'))).toBe(true);
    expect(logs.filter((l) => l.includes(SECRET))).toEqual([]);
    expect(await h.deps.metrics.registry.metrics()).not.toContain(SECRET);
  });
});
