import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { postPathFromId } from '../../src/site/paths.ts';
import { type SiteServer, SNAPSHOTS, SNAPSHOTS_DIR, startSiteServer } from '../support/site-server.ts';
import { readSnapshotFile, snapshotPostPaths } from '../support/snapshot-files.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const S1 = SNAPSHOTS[0];
let server: SiteServer;
let t: TestDeps;
afterEach(async () => {
  t?.close();
  await server?.close();
});

/** s1 as files in memory, so a test can add posts to it */
function s1Files(): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of snapshotPostPaths(S1)) files.set(p, readSnapshotFile(S1, p));
  for (const f of readdirSync(join(SNAPSHOTS_DIR, S1, 'category')))
    files.set(`/category/${f}`, readSnapshotFile(S1, `/category/${f}`));
  for (const f of ['/index.html', '/feed.xml', '/404.html']) files.set(f, readSnapshotFile(S1, f));
  return files;
}

/** n new emnews posts, put on top of the home page's emnews list (which keeps 5) */
function withNewPosts(files: Map<string, string>, n: number): string[] {
  const template = readSnapshotFile(S1, '/emnews/2021/12/08/202112082206882458.html');
  const paths: string[] = [];
  let links = '';
  for (let i = 0; i < n; i++) {
    const path = `/emnews/2021/12/08/20211208220700000${i}.html`;
    const time = `2021-12-08 12:0${5 + i}:00`;
    files.set(
      path,
      template.replace(/2021-12-08 11:47:17/, time).replace(/<h1>[^<]*<\/h1>/, `<h1>新消息${i}</h1>`),
    );
    links = `<li><a href="${path}">新消息${i}</a></li>\n${links}`;
    paths.push(path);
  }
  const home = files.get('/index.html')!;
  const start = home.indexOf('<ul>', home.indexOf('<h2 id="东财滚动新闻">')) + '<ul>'.length;
  const end = home.indexOf('</ul>', start);
  const kept = home
    .slice(start, end)
    .match(/<li>.*?<\/li>/g)!
    .slice(0, 5 - Math.min(n, 5));
  files.set('/index.html', `${home.slice(0, start)}\n${links}${kept.join('\n')}\n${home.slice(end)}`);
  const cat = files.get('/category/emnews.html')!;
  files.set('/category/emnews.html', cat.replace('<ul>', `<ul>\n${links}`));
  return paths;
}

async function settled() {
  let clock = Date.parse('2021-12-08T12:00:30+08:00');
  server = await startSiteServer({ snapshot: S1 });
  const files = s1Files();
  server.serveFiles(files, new Date(clock));
  t = buildTestDeps({ siteUrl: server.url, now: () => clock });
  await poll(t.deps);
  // quiet ticks for ten minutes: the last listed emnews post (11:47) is now well before our last poll
  for (let i = 0; i < 10; i++) {
    clock += 60_000;
    await poll(t.deps);
  }
  clock += 60_000;
  server.clearLog();
  return { files, lm: new Date(clock) };
}

describe('gap filling reads category pages only when a list may hide posts', () => {
  it('one new post under a full list whose last entry is old and known: no category page', async () => {
    const { files, lm } = await settled();
    const [path] = withNewPosts(files, 1);
    server.serveFiles(files, lm);
    const r = await poll(t.deps);
    expect(r).toMatchObject({ stored: 1, gapFill: false, requests: 3 });
    expect(server.log.map((l) => l.path)).toEqual(expect.arrayContaining(['/index.html', '/feed.xml', path]));
    expect(server.log.some((l) => l.path.startsWith('/category/'))).toBe(false);
  });

  it('six new posts, all five listed ones new: the category page is read and the sixth is found', async () => {
    const { files, lm } = await settled();
    const paths = withNewPosts(files, 6);
    server.serveFiles(files, lm);
    const r = await poll(t.deps);
    expect(r).toMatchObject({ stored: 6, gapFill: true });
    expect(server.log.filter((l) => l.path === '/category/emnews.html')).toHaveLength(1);
    expect(t.delivery.announced.map((a) => postPathFromId(a.id)).sort()).toEqual([...paths].sort());
  });
});
