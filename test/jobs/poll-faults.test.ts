import { afterEach, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { loadPollState } from '../../src/sources/finews/state.ts';
import { type Fault, type SiteServer, SNAPSHOTS, startSiteServer } from '../support/site-server.ts';
import { readSnapshotFile } from '../support/snapshot-files.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const NEW_POST = '/emnews/2021/12/08/202112082206885586.html';
const NEW_ID = NEW_POST.slice(1, -5);

let server: SiteServer;
let t: TestDeps;
let clock = 0;
afterEach(async () => {
  t?.close();
  await server?.close();
});

/** A bot that has read s1, and a site that has moved on to s2 (28 new posts). */
async function primed(env: Record<string, string> = {}, site: { retries?: number } = {}) {
  clock = Date.parse('2021-12-08T12:00:30+08:00');
  server = await startSiteServer({ snapshot: SNAPSHOTS[0] });
  t = buildTestDeps({ siteUrl: server.url, now: () => clock, env, site });
  expect((await poll(t.deps)).stored).toBe(25);
  server.switchTo(SNAPSHOTS[1]);
  clock += 60_000;
}

const failures = async (metric: 'parseFailures' | 'siteErrors') =>
  Object.fromEntries(
    (await t.deps.metrics[metric].get()).values.map((v) => [String(Object.values(v.labels)[0]), v.value]),
  );

describe('site down', () => {
  it('counts, stores nothing, keeps the last success time, and catches up when the site is back', async () => {
    await primed();
    const before = await loadPollState(t.deps);
    server.fault('*', 'down');
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'site-down', stored: 0 });
    expect(t.sqlite.articles.count()).toBe(25);
    expect(t.delivery.batches).toEqual([]);
    expect((await loadPollState(t.deps)).lastSuccessAt).toBe(before.lastSuccessAt);
    server.clearFaults();
    clock += 30 * 60_000;
    const back = await poll(t.deps);
    expect(back).toMatchObject({ outcome: 'ok', stored: 28, gapFill: true });
    expect(t.delivery.announced).toHaveLength(28);
  });
});

describe('one new post fails; the rest arrive; the failed one is retried even when the lists answer 304', () => {
  const cases: Array<[string, Fault, string]> = [
    ['500', 500, 'http-500'],
    ['404 (gone between list and fetch)', 404, 'http-404'],
    ['hanging', 'hang', 'timeout'],
    ['truncated', 'truncate', 'network'],
    ['huge', 'huge', 'too-large'],
    ['garbage', 'garbage', 'no-section'],
  ];
  for (const [name, fault, reason] of cases) {
    it(name, async () => {
      // a short timeout for the hanging case, but one retry so a slow CI machine does not flake
      await primed({ FETCH_TIMEOUT: '1500ms', FETCH_MAX_BYTES: '100000' }, { retries: 1 });
      server.fault(NEW_POST, fault);
      const r = await poll(t.deps);
      expect(r).toMatchObject({ outcome: 'partial', stored: 27, failed: 1 });
      expect(await t.deps.articles.has(NEW_ID)).toBe(false);
      expect(t.delivery.announced.map((a) => a.id)).not.toContain(NEW_ID);
      expect((await loadPollState(t.deps)).retry).toEqual({ [NEW_POST]: 1 });
      const logged = t.logs.find((l) => l['path'] === NEW_POST && l['level'] === 40);
      expect(logged, `a warning for ${reason}`).toBeDefined();
      if (reason === 'no-section') expect(await failures('parseFailures')).toMatchObject({ [reason]: 1 });
      else expect(JSON.stringify(logged)).toMatch(reason.startsWith('http') ? /status/ : /err|reason/);

      server.clearFaults();
      server.clearLog();
      clock += 60_000;
      const retry = await poll(t.deps);
      expect(retry).toMatchObject({ outcome: 'ok', stored: 1, failed: 0 });
      expect(
        server.log.filter((l) => l.path === '/index.html' || l.path === '/feed.xml').map((l) => l.status),
      ).toEqual([304, 304]);
      expect(t.delivery.batches.at(-1)!.map((a) => a.id)).toEqual([NEW_ID]);
      expect(t.sqlite.articles.count()).toBe(53);
      expect((await loadPollState(t.deps)).retry).toEqual({});
    });
  }
});

describe('pages that answer 200 but do not parse', () => {
  it('a post without title or date is a typed, counted parse failure and is not stored', async () => {
    await primed();
    const page = readSnapshotFile(SNAPSHOTS[1], NEW_POST);
    server.fault(NEW_POST, { status: 200, body: page.replace(/<h1>[^<]*<\/h1>/, '<h1> </h1>') });
    const other = '/emnews/2021/12/08/202112082206890854.html';
    server.fault(other, { status: 200, body: page.replace(/<small>\(GMT[^<]*<\/small>/, '') });
    const r = await poll(t.deps);
    expect(r).toMatchObject({ stored: 26, failed: 2 });
    expect(await failures('parseFailures')).toMatchObject({ 'no-title': 1, 'no-date': 1 });
    expect(await t.deps.articles.has(NEW_ID)).toBe(false);
  });

  it('a post without its tags line is stored with the name the home page taught', async () => {
    await primed();
    const page = readSnapshotFile(SNAPSHOTS[1], NEW_POST);
    server.fault(NEW_POST, { status: 200, body: page.replace(/<small>tags:.*?<\/small>/s, '') });
    expect((await poll(t.deps)).stored).toBe(28);
    expect(t.sqlite.articles.get(NEW_ID)?.source).toBe('东财滚动');
  });

  it('a garbage home page: the feed still finds the new posts', async () => {
    await primed();
    server.fault('/', 'garbage');
    const r = await poll(t.deps);
    expect(r.stored).toBe(28);
    expect(await failures('parseFailures')).toMatchObject({ 'home-empty': 1 });
  });

  it('a home page that fails and a feed that redirects off the site: site down, nothing stored', async () => {
    await primed();
    server.fault('/', 500);
    server.fault('/feed.xml', 'off-origin');
    const r = await poll(t.deps);
    expect(r.outcome).toBe('site-down');
    expect(t.sqlite.articles.count()).toBe(25);
    expect(server.log.some((l) => l.path.startsWith('/latest'))).toBe(false);
    expect(await failures('siteErrors')).toMatchObject({ 'off-origin': 1 });
  });
});

describe('first run', () => {
  it('a post that failed during the first run is stored later but never announced as new', async () => {
    clock = Date.parse('2021-12-08T12:00:30+08:00');
    server = await startSiteServer({ snapshot: SNAPSHOTS[0] });
    t = buildTestDeps({ siteUrl: server.url, now: () => clock });
    const old = '/emnews/2021/12/08/202112082206672930.html';
    server.fault(old, 500);
    expect(await poll(t.deps)).toMatchObject({ firstRun: true, stored: 24, failed: 1 });
    server.clearFaults();
    server.switchTo(SNAPSHOTS[1]);
    clock += 60_000;
    expect(await poll(t.deps)).toMatchObject({ firstRun: false, stored: 29, failed: 0 });
    expect(await t.deps.articles.has(old.slice(1, -5))).toBe(true);
    expect(t.delivery.announced).toHaveLength(28);
    expect(t.delivery.announced.map((a) => a.id)).not.toContain(old.slice(1, -5));
    expect((await loadPollState(t.deps)).silent).toEqual([]);
  });
});

describe('a tick that dies after reading the lists', () => {
  it('leaves nothing marked as seen, and the next tick reads the lists in full instead of trusting 304s', async () => {
    await primed();
    const store = t.sqlite.articles;
    const insert = store.insert;
    store.insert = () => {
      throw new Error('disk I/O error');
    };
    expect((await poll(t.deps)).outcome).toBe('error');
    store.insert = insert;
    expect(store.count()).toBe(25);
    expect((await loadPollState(t.deps)).inProgress).toBe(true);
    server.clearLog();
    clock += 60_000;
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'ok', stored: 28 });
    expect(
      server.log.filter((l) => l.path === '/index.html' || l.path === '/feed.xml').map((l) => l.status),
    ).toEqual([200, 200]);
    expect(t.delivery.announced).toHaveLength(28);
  });
});

describe('restart', () => {
  it('a new process on the same file polls with conditionals and announces nothing old', async () => {
    await primed();
    await poll(t.deps);
    const dir = t.dir;
    t.close({ remove: false });
    t = buildTestDeps({ siteUrl: server.url, now: () => clock, dir });
    server.clearLog();
    clock += 60_000;
    const r = await poll(t.deps);
    expect(r).toMatchObject({ stored: 0, requests: 2 });
    expect(server.log.map((l) => l.status)).toEqual([304, 304]);
    expect(t.sqlite.articles.count()).toBe(53);
  });
});
