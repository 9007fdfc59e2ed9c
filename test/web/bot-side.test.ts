import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { toPayload } from '../../src/delivery/sender-types.ts';
import { html } from '../../src/present/html.ts';
import { type AppHarness, appHarness } from '../support/app-harness.ts';
import { assertCleanOutput, type Harness, startHarness } from '../support/bot-harness.ts';
import { command, groupChat, privateChat, user } from '../support/updates.ts';
import { APP_URL } from '../support/web-harness.ts';

type Button = { text: string; callback_data?: string; web_app?: { url: string } };
const keyboard = (m: { replyMarkup?: unknown } | undefined): Button[] =>
  ((m?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

const dave = user(3401, { firstName: 'Dave' });
const group = groupChat(-3402, '读报群');

describe.each([
  ['with WEBAPP_URL', { WEBAPP_URL: APP_URL }],
  ['without WEBAPP_URL', {}],
])('bot buttons %s', (what, env) => {
  const on = what === 'with WEBAPP_URL';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env });
    await poll(h.deps);
  });
  afterAll(async () => {
    assertCleanOutput(h.fake);
    await h.close();
  });

  it('/settings in a private chat offers the app only when it is configured', async () => {
    const sent = await h.send(command(privateChat(dave), dave, 'settings'));
    const apps = keyboard(sent.find((s) => s.method === 'sendMessage')).filter((b) => b.web_app);
    expect(apps.map((b) => b.web_app?.url)).toEqual(on ? [APP_URL] : []);
  });

  it('全文 buttons open the article view in private chats, and stay /read callbacks in groups', async () => {
    const mine = keyboard((await h.send(command(privateChat(dave), dave, 'latest'))).at(-1));
    expect(mine.length).toBeGreaterThan(0);
    for (const b of mine) {
      if (on) expect(b.web_app?.url).toMatch(/^https:\/\/kx\.example\.test\/app\/\?article=\d+$/);
      else expect(b.callback_data).toMatch(/^read:\d+$/);
    }
    const theirs = keyboard((await h.send(command(group, dave, 'latest'))).at(-1));
    expect(theirs.length).toBeGreaterThan(0);
    for (const b of theirs) expect(b.callback_data).toMatch(/^read:\d+$/);
  });

  it('pushes carry the same 全文 button as replies', () => {
    const msg = { text: html`x`.value, disablePreview: true, readSeq: 7 };
    const appUrl = on ? APP_URL : undefined;
    expect(toPayload(5, msg, '全文', appUrl).reply_markup?.inline_keyboard[0]?.[0]).toEqual(
      on
        ? { text: '全文', web_app: { url: `${APP_URL}?article=7` } }
        : { text: '全文', callback_data: 'read:7' },
    );
    expect(toPayload(-5, msg, '全文', appUrl).reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: '全文',
      callback_data: 'read:7',
    });
  });
});

describe('kuaixun run with and without WEBAPP_URL', () => {
  let a: AppHarness;
  beforeAll(async () => {
    a = await appHarness('s3-2022-03-15');
  });
  afterAll(async () => {
    await a.close();
  });

  it('sets the 设置 menu button and serves /app/ on WEB_PORT only when WEBAPP_URL is set', async () => {
    const plain = await a.start();
    expect(a.fake.callsTo('setChatMenuButton')).toHaveLength(0);
    expect(a.output.join('\n')).toContain('mini app: off');
    await plain.stop('next');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const app = await a.start({ WEBAPP_URL: APP_URL, WEB_PORT: String(port) });
    expect(a.fake.menuButton()).toEqual({ type: 'web_app', text: '设置', web_app: { url: APP_URL } });
    const page = await fetch(`http://127.0.0.1:${port}/app/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="app.js"></script>');
    await app.stop('done');
    await expect(fetch(`http://127.0.0.1:${port}/app/`)).rejects.toThrow();
  });
});
