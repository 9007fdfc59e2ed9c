import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteError } from '../../src/site/client.ts';
import { assertCleanOutput, type Harness, startHarness } from '../support/bot-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

/**
 * Issue 7, security: the bot fetches only from SITE_URL, and there only category pages for
 * slug-shaped words. User input (URLs, traversal, encodings) and redirects never make it
 * request another origin or another kind of path.
 */
let h: Harness;
let evil: Server;
let evilUrl: string;
const evilHits: string[] = [];
const eve = user(8401);
const me = privateChat(eve);

beforeAll(async () => {
  h = await startHarness();
  evil = createServer((req, res) => {
    evilHits.push(`${req.method} ${req.url}`);
    res.end('<html>pwned</html>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (h) assertCleanOutput(h.fake);
  await new Promise((r) => evil?.close(r));
  await h?.close();
});

const hostile = () => [
  '../../etc',
  '../../etc/passwd',
  '..',
  '%2e%2e/',
  '%2e%2e%2f%2e%2e%2fetc',
  '..%2f..%2fetc',
  '@evil',
  'http://evil.example/x',
  `${evilUrl}/x`,
  `//${evilUrl.slice(7)}/x`,
  'a/../../feed.xml',
  'a\\..\\..\\x',
  'x?y=1',
  'x#frag',
  'x%00y',
  'x.html?q',
  '127.0.0.1:80',
  'file:///etc/passwd',
  'javascript:alert(1)',
  `a${'b'.repeat(200)}`,
  'newslug(1)',
  'new slug',
];

const CATEGORY_PAGE = /^\/category\/[A-Za-z0-9][A-Za-z0-9 ()._-]{0,79}\.html$/;

describe('site origin', () => {
  it('hostile words in /subscribe, /latest, /search, /read, /categories and /start reach only category pages', async () => {
    h.site.clearLog();
    const words = hostile();
    for (const w of words) {
      for (const cmd of ['sub', 'subscribe', 'latest', 'search', 'read', 'categories', 'unsub']) {
        await h.send(command(me, eve, cmd, w));
      }
      await h.send(command(me, eve, 'start', `sub_${w}`));
      await h.send(command(me, eve, 'sub', `${w} ${w}2 ${w}3 ${w}4 ${w}5`));
    }
    expect(evilHits).toEqual([]);
    const paths = h.site.log.map((r) => r.path);
    // slug-shaped words were looked up, so the check below is about real requests
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => !CATEGORY_PAGE.test(p) || p.includes('..') || p.includes('/', 10))).toEqual(
      [],
    );
    // nothing the user typed was taken as a category the site does not have
    expect(Object.keys((await h.deps.chats.get(eve.id))?.subscriptions ?? {})).toEqual([]);
  }, 60_000);

  it('one command costs at most a few site look-ups, however many words it has', async () => {
    h.site.clearLog();
    const many = Array.from({ length: 20 }, (_, i) => `unknownslug${i}`).join(' ');
    await h.send(command(me, eve, 'sub', many));
    expect(h.site.log.length).toBeLessThanOrEqual(3);
  });

  it('a redirect off the site is refused, not followed, and nothing is subscribed', async () => {
    h.site.fault('/category/redirectslug.html', { redirect: `${evilUrl}/category/redirectslug.html` });
    h.site.fault('/category/metaslug.html', 'off-origin');
    await h.send(command(me, eve, 'sub', 'redirectslug metaslug'));
    expect(evilHits).toEqual([]);
    expect(h.site.log.some((r) => r.path === '/category/redirectslug.html')).toBe(true);
    expect(h.deps.registry.get('redirectslug')).toBeFalsy();
    expect(Object.keys((await h.deps.chats.get(eve.id))?.subscriptions ?? {})).toEqual([]);
    const refused = await h.deps.metrics.siteErrors.get();
    expect(refused.values.find((v) => v.labels.kind === 'off-origin')?.value).toBeGreaterThanOrEqual(2);
  });

  it('a huge or hanging category page is cut off: the bot answers and subscribes nothing', async () => {
    // its own bot with a short FETCH_TIMEOUT, so the hang ends well inside the harness wait
    const quick = await startHarness({ env: { FETCH_TIMEOUT: '1s' } });
    try {
      quick.site.fault('/category/hugeslug.html', 'huge');
      quick.site.fault('/category/hangslug.html', 'hang');
      const sent = await quick.send(command(me, eve, 'sub', 'hugeslug hangslug'));
      expect(sent.some((m) => m.method === 'sendMessage')).toBe(true);
      expect(quick.deps.registry.get('hugeslug')).toBeFalsy();
      expect(quick.deps.registry.get('hangslug')).toBeFalsy();
      expect(Object.keys((await quick.deps.chats.get(eve.id))?.subscriptions ?? {})).toEqual([]);
      const kinds = (await quick.deps.metrics.siteErrors.get()).values.map((v) => v.labels.kind);
      expect(kinds).toEqual(expect.arrayContaining(['too-large', 'timeout']));
      assertCleanOutput(quick.fake);
    } finally {
      await quick.close();
    }
  });

  it('the site client itself refuses anything that is not a path on SITE_URL', async () => {
    for (const bad of [`${evilUrl}/x`, `//127.0.0.1/x`, 'http://evil.example/', 'category/x.html', '']) {
      await expect(h.deps.site.get(bad), bad).rejects.toBeInstanceOf(SiteError);
    }
    h.site.fault('/feed.xml', { redirect: `${evilUrl}/feed.xml` });
    await expect(h.deps.site.get('/feed.xml')).rejects.toMatchObject({ kind: 'off-origin' });
    h.site.clearFaults();
    expect(evilHits).toEqual([]);
  });
});
