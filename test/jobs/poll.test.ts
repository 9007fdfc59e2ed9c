import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { run as prune } from '../../jobs/prune.ts';
import { loadPollState } from '../../src/sources/finews/state.ts';
import { type SiteServer, SNAPSHOTS, startSiteServer } from '../support/site-server.ts';
import { snapshotPostPaths } from '../support/snapshot-files.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const ids = (snapshot: string) => new Set(snapshotPostPaths(snapshot).map((p) => p.slice(1, -5)));
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

/** One bot living through the four snapshots; each step builds on the last. */
describe('poll across the snapshots', () => {
  let server: SiteServer;
  let t: TestDeps;
  let clock = Date.parse('2021-12-08T12:00:30+08:00');
  const tick = (ms = 60_000) => {
    clock += ms;
  };

  beforeAll(async () => {
    server = await startSiteServer({ snapshot: SNAPSHOTS[0] });
    t = buildTestDeps({ siteUrl: server.url, now: () => clock });
  });
  afterAll(async () => {
    t.close();
    await server.close();
  });

  it('s1, first run: stores every post on the site and announces nothing', async () => {
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'ok', firstRun: true, stored: 25, failed: 0, gapFill: true });
    expect(t.sqlite.articles.count()).toBe(25);
    expect(new Set(t.sqlite.articles.after(0, null, 100).map((a) => a.id))).toEqual(ids(SNAPSHOTS[0]));
    expect(t.delivery.batches).toEqual([]);
    expect((await loadPollState(t.deps)).initialized).toBe(true);
    const reg = t.deps.registry.get('emnews');
    expect(reg).toMatchObject({ source: '东财滚动', tag: '东财滚动新闻', posts: 24, verified: true });
    expect(
      t.sqlite.search.search({ terms: ['人民币'], offset: 0, limit: 5, now: clock }).total,
    ).toBeGreaterThan(0);
  });

  it('s1 again a minute later: two 304s and nothing else', async () => {
    tick();
    server.clearLog();
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'ok', stored: 0, found: 0, gapFill: false });
    expect(r.requests).toBeLessThanOrEqual(2);
    expect(server.log.map((l) => [l.path, l.status])).toEqual(
      expect.arrayContaining([
        ['/index.html', 304],
        ['/feed.xml', 304],
      ]),
    );
    expect(server.log).toHaveLength(2);
  });

  it('s1 → s2: exactly the 28 new posts, although the feed holds 10, announced oldest first', async () => {
    tick();
    server.switchTo(SNAPSHOTS[1]);
    server.clearLog();
    const r = await poll(t.deps);
    const expected = minus(ids(SNAPSHOTS[1]), ids(SNAPSHOTS[0]));
    expect(expected).toHaveLength(28);
    expect(r).toMatchObject({ outcome: 'ok', firstRun: false, stored: 28, failed: 0, gapFill: true });
    expect(t.delivery.batches).toHaveLength(1);
    const announced = t.delivery.batches[0]!;
    expect(announced.map((a) => a.id).sort()).toEqual(expected);
    const times = announced.map((a) => a.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(announced.map((a) => a.seq)).toEqual([...announced.map((a) => a.seq)].sort((a, b) => a - b));
    expect(server.log.some((l) => l.path === '/category/emnews.html' && l.status === 200)).toBe(true);
    // each new post fetched once
    const postGets = server.log.filter((l) => /\/\d{4}\/\d{2}\/\d{2}\//.test(l.path));
    expect(postGets).toHaveLength(28);
  });

  it('s2 → s3 (hours later): roll-off handled, only the 5 new posts announced, nothing re-announced', async () => {
    clock = Date.parse('2022-03-15T12:00:00+08:00');
    server.switchTo(SNAPSHOTS[2]);
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'ok', stored: 5, failed: 0 });
    expect(t.delivery.batches).toHaveLength(2);
    expect(t.delivery.batches[1]!.map((a) => a.id).sort()).toEqual([...ids(SNAPSHOTS[2])].sort());
    expect(t.sqlite.articles.count()).toBe(53 + 5);
    const seed = t.sqlite.articles.get('sichuanribao/2022/03/15/NW202203152308494336')!;
    expect(seed).toMatchObject({ source: '四川日报', category: 'sichuanribao', attribution: '四川日报' });
    expect(seed.publishedAt).toBe(Date.parse('2022-03-15T05:35:18+08:00'));
    expect(seed.summary.length).toBeGreaterThan(0);
    expect(t.deps.registry.get('meirijingjixinwen')?.source).toBe('每日经济新闻');
    tick();
    const quiet = await poll(t.deps);
    expect(quiet).toMatchObject({ stored: 0, found: 0 });
    expect(quiet.requests).toBeLessThanOrEqual(2);
    expect(t.delivery.batches).toHaveLength(2);
  });

  it('s3 → s4: the 8 rendered posts arrive; the post Jekyll skipped breaks nothing', async () => {
    clock = Date.parse('2022-05-31T20:00:00+08:00');
    server.switchTo(SNAPSHOTS[3]);
    const r = await poll(t.deps);
    expect(r).toMatchObject({ outcome: 'ok', stored: 8, failed: 0 });
    expect(t.delivery.batches[2]!.map((a) => a.id).sort()).toEqual([...ids(SNAPSHOTS[3])].sort());
    const twins = t.sqlite.articles.byStory('202205312398034850');
    expect(twins.map((a) => a.category).sort()).toEqual(['cailianshe', 'emnews']);
    expect(t.sqlite.articles.get('emnews/2022/05/26/202205262391921712')?.digest).toMatch(/^据霍尼韦尔/);
  });

  it('prune keeps RETENTION_DAYS by publish time and drops the rest from search', async () => {
    const before = t.sqlite.articles.count();
    const r = await prune(t.deps);
    // clock is 2022-05-31 20:00; 30 days back keeps the posts of 26, 29 and 31 May
    expect(r.removed).toBe(before - 4);
    expect(t.sqlite.articles.count()).toBe(4);
    expect(t.sqlite.search.search({ terms: ['人民币'], offset: 0, limit: 5, now: clock }).total).toBe(0);
  });
});

describe('gap filling after downtime', () => {
  it('s1 → s2 read hours later also finds exactly the 28', async () => {
    const server = await startSiteServer({ snapshot: SNAPSHOTS[0] });
    let clock = Date.parse('2021-12-08T12:00:30+08:00');
    const t = buildTestDeps({ siteUrl: server.url, now: () => clock });
    try {
      await poll(t.deps);
      server.switchTo(SNAPSHOTS[1]);
      clock = Date.parse('2021-12-08T16:00:30+08:00');
      const r = await poll(t.deps);
      expect(r).toMatchObject({ stored: 28, gapFill: true });
      expect(t.delivery.announced.map((a) => a.id).sort()).toEqual(
        minus(ids(SNAPSHOTS[1]), ids(SNAPSHOTS[0])),
      );
    } finally {
      t.close();
      await server.close();
    }
  });
});
