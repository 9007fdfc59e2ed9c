import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../support/bot-harness.ts';
import { ARTIFACTS_DIR, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { command, privateChat, user } from '../support/updates.ts';
import {
  HOSTILE_NAME,
  type SignedUser,
  signInitData,
  startWebHarness,
  type WebHarness,
} from '../support/web-harness.ts';

const carol: SignedUser = { id: 3301, first_name: '小王', language_code: 'zh-hans' };
const LIGHT = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#707579',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f1f1f1',
};
const DARK = {
  bg_color: '#212121',
  text_color: '#ffffff',
  hint_color: '#aaaaaa',
  link_color: '#8774e1',
  button_color: '#8774e1',
  button_text_color: '#ffffff',
  secondary_bg_color: '#181818',
};

let w: WebHarness;
let b: TestBrowser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  w = await startWebHarness();
  b = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await b?.close();
  await w?.close();
});

/** the launch URL as Telegram builds it: page URL, then tgWebAppData and the theme in the fragment */
function launchUrl(initData: string, theme = LIGHT, query = ''): string {
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'android',
    tgWebAppThemeParams: JSON.stringify(theme),
  });
  return `${w.base}/app/${query}#${fragment.toString()}`;
}

async function openApp(
  initData: string,
  opts: { theme?: typeof LIGHT; query?: string; dark?: boolean } = {},
): Promise<Page> {
  const context = await b.phone({ colorScheme: opts.dark ? 'dark' : 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401/.test(m.text())) errors.push(m.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(launchUrl(initData, opts.theme, opts.query));
  return page;
}

const signed = () => signInitData(carol, w.h.fake.token);

describe('the Mini App in a real browser', () => {
  it('search 四川, switch 四川日报 on, and /list in that chat shows it', async () => {
    const page = await openApp(signed());
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByLabel('搜索来源').fill('四川');
    const sw = page.getByRole('switch', { name: '订阅 四川日报' });
    await sw.waitFor();
    expect(await sw.isChecked()).toBe(false);
    await sw.check();
    await page.getByRole('status').filter({ hasText: '四川日报: 已订阅' }).waitFor();
    const c = user(carol.id, { firstName: carol.first_name });
    const list = texts(await w.h.send(command(privateChat(c), c, 'list'))).join('\n');
    expect(list).toContain('四川日报 (sichuanribao)');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'sources-light.png'), fullPage: true });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('sets a digest time from the settings tab', async () => {
    const page = await openApp(signed());
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByLabel('添加时间').first().fill('21:15');
    await page.locator('#add-time').click();
    await page.locator('#times li', { hasText: '21:15' }).waitFor();
    expect(await w.h.deps.chats.get(carol.id)).toMatchObject({ mode: 'digest' });
    expect((await w.h.deps.chats.get(carol.id))?.digestTimes).toContain('21:15');
    // the keyboard alone reaches every control: arrow keys move between tabs
    await page.getByRole('tab', { name: '设置' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement?.id')).toBe('tab-reader');
    await page.context().close();
  });

  it('sets watch terms, trading-day digests, quiet hours, break-through and a filter', async () => {
    await w.h.deps.chats.subscribe(carol.id, ['sichuanribao'], w.h.deps.now());
    const page = await openApp(signed());
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByRole('tab', { name: '设置' }).click();
    // each change redraws the form; the panel is aria-busy until then
    const settled = () => page.locator('#panel-settings:not([aria-busy])').waitFor();
    await page.locator('#watch-term').waitFor();
    await settled();
    await page.getByLabel('添加关注词').fill('贵州茅台 降准');
    await page.getByLabel('添加关注词').press('Enter');
    await settled();
    await page.locator('#watch-terms li', { hasText: '降准' }).waitFor();
    await page.getByRole('button', { name: '删除 降准' }).click();
    await settled();
    await page.locator('#watch-terms li', { hasText: '降准' }).waitFor({ state: 'detached' });
    await page.getByLabel('添加时间').first().fill('08:45');
    await page.locator('#add-time').click();
    await settled();
    await page.locator('#times li', { hasText: '08:45' }).waitFor();
    await page.getByRole('switch', { name: '摘要只在 A 股交易日' }).check();
    await settled();
    await page.getByLabel('从').fill('23:30');
    await page.getByLabel('到').fill('06:30');
    await page.getByRole('button', { name: '保存免打扰时段' }).click();
    await settled();
    await page.locator('#quiet-now', { hasText: '23:30-06:30' }).waitFor();
    await page.getByRole('switch', { name: /紧急消息与关注词穿透/ }).uncheck();
    await settled();
    await page.getByLabel('订阅的来源').selectOption('sichuanribao');
    await page.getByLabel(/包含任一词/).fill('成都 降息');
    await page.getByLabel(/出现就不推送/).fill('广告');
    await page.getByRole('button', { name: '保存过滤' }).click();
    await page.locator('#filter-list li', { hasText: '四川日报 (sichuanribao)' }).waitFor();
    await page
      .getByRole('switch', { name: /紧急消息与关注词穿透/ })
      .and(page.locator(':not(:checked)'))
      .waitFor();

    // the bot sees the same state at once: /watch, /settings and the chat record
    expect(await w.h.deps.watchlists.list(carol.id)).toEqual(['贵州茅台']);
    const c = user(carol.id, { firstName: carol.first_name });
    const watch = texts(await w.h.send(command(privateChat(c), c, 'watch'))).join('\n');
    expect(watch).toContain('贵州茅台');
    expect(watch).not.toContain('降准');
    const chat = await w.h.deps.chats.get(carol.id);
    expect(chat).toMatchObject({
      mode: 'digest',
      digestTrading: true,
      quiet: '23:30-06:30',
      breakThrough: false,
      filters: { sichuanribao: { include: ['成都', '降息'], exclude: ['广告'] } },
    });
    expect(chat?.digestTimes).toContain('08:45');
    const settings = texts(await w.h.send(command(privateChat(c), c, 'settings'))).join('\n');
    expect(settings).toContain('摘要只在交易日：是');
    expect(settings).toContain('免打扰：23:30-06:30');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'settings-smart-light.png'), fullPage: true });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('opens an article from the reader, and straight from a 全文 link', async () => {
    const page = await openApp(signed());
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByRole('tab', { name: '阅读' }).click();
    const first = page.locator('#results .item').first();
    await first.waitFor();
    await first.click();
    const title = page.locator('#article h2');
    await title.waitFor();
    expect((await title.textContent())?.length).toBeGreaterThan(0);
    expect(await page.locator('#article p').count()).toBeGreaterThan(1);
    await page.context().close();

    const seq = (await w.h.deps.articles.latest({ categories: ['sichuanribao'], limit: 1 }))[0]?.seq ?? 0;
    const direct = await openApp(signed(), { query: `?article=${seq}` });
    await direct.locator('#article h2').waitFor();
    expect(await direct.locator('#article h2').textContent()).toBe(
      (await w.h.deps.articles.getBySeq(seq))?.title,
    );
    await direct.screenshot({ path: join(ARTIFACTS_DIR, 'article-light.png'), fullPage: false });
    await direct.context().close();
  });

  it('a source and a title containing <script> render as text', async () => {
    const page = await openApp(signed());
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByLabel('搜索来源').fill('黑客');
    const name = page.locator('#source-list .name', { hasText: '黑客' }).first();
    await name.waitFor();
    expect(await name.textContent()).toBe(HOSTILE_NAME);
    await page.getByRole('tab', { name: '阅读' }).click();
    await page.getByLabel(/搜索文章/).fill('黑客报');
    await page.locator('#article-search').click();
    await page.locator('#results h2', { hasText: '共 1 篇' }).waitFor();
    expect(await page.locator('#results .item .name').first().textContent()).toContain('<script>');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.locator('main script, main img').count()).toBe(0);
    await page.context().close();
  });

  it('tampered or expired initData gets 401 and the page says so', async () => {
    const tampered = new URLSearchParams(signed());
    tampered.set('user', JSON.stringify({ ...carol, id: 1 }));
    const expired = signInitData(carol, w.h.fake.token, {
      authDate: Math.floor(Date.now() / 1000) - 25 * 3600,
    });
    for (const initData of [tampered.toString(), expired]) {
      const context = await b.phone();
      const page = await context.newPage();
      const answered = page.waitForResponse((r) => r.url().includes('/api/chats'));
      await page.goto(launchUrl(initData));
      expect((await answered).status()).toBe(401);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('无法验证你的身份');
      await context.close();
    }
    expect(await w.h.deps.chats.get(1)).toBeUndefined();
  });

  it('follows Telegram’s dark theme', async () => {
    const page = await openApp(signed(), { theme: DARK, dark: true });
    await page.waitForSelector('body[data-state="ready"]');
    await page.getByLabel('搜索来源').fill('四川');
    await page.getByRole('switch', { name: '订阅 四川日报' }).waitFor();
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(33, 33, 33)');
    expect(await page.evaluate('document.documentElement.dataset.scheme')).toBe('dark');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'sources-dark.png'), fullPage: true });
    await page.getByRole('tab', { name: '设置' }).click();
    await page.locator('#times').waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'settings-dark.png'), fullPage: true });
    await page.context().close();
  });
});
