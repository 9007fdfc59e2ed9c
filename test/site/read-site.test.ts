import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/metrics.ts';
import { createSiteClient } from '../../src/site/client.ts';
import { correctZoneless, parseShanghaiTime } from '../../src/site/post-time.ts';
import { type ReadProgress, readSite } from '../../src/site/read-site.ts';
import { type SiteServer, SNAPSHOTS, startSiteServer } from '../support/site-server.ts';
import { snapshotPostPaths } from '../support/snapshot-files.ts';

let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer({ snapshot: SNAPSHOTS[1] });
});
afterAll(() => server.close());

describe('readSite (kuaixun preview)', () => {
  for (const snapshot of SNAPSHOTS) {
    it(`reads every post of ${snapshot}, newest first, with progress`, async () => {
      server.switchTo(snapshot);
      const log = createLogger({ level: 'silent', secrets: [] });
      const site = createSiteClient({
        origin: server.url,
        timeoutMs: 2_000,
        maxBytes: 2_000_000,
        concurrency: 4,
        metrics: createMetrics(),
        log,
      });
      const progress: ReadProgress[] = [];
      const { articles, failures } = await readSite(site, { log, onProgress: (p) => progress.push(p) });
      expect(failures).toEqual([]);
      expect(articles.map((a) => `/${a.id}.html`).sort()).toEqual(snapshotPostPaths(snapshot));
      const times = articles.map((a) => a.publishedAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(articles.every((a) => a.url.startsWith(server.url))).toBe(true);
      expect(progress.at(-1)).toEqual({ phase: 'posts', done: articles.length, total: articles.length });
    });
  }
});

describe('post time', () => {
  it('reads Shanghai wall-clock time', () => {
    expect(parseShanghaiTime('(GMT+8, Asia/Shanghai, CST) 2022-03-15 05:35:18')).toBe(
      Date.parse('2022-03-15T05:35:18+08:00'),
    );
    expect(parseShanghaiTime('(GMT+8, Asia/Shanghai, CST) 2022-13-15 05:35:18')).toBeNull();
    expect(parseShanghaiTime('no date')).toBeNull();
  });
  it('moves a zone-less time back 8 hours only on evidence', () => {
    const shown = Date.parse('2021-12-08T18:39:01+08:00');
    const fetched = Date.parse('2021-12-08T10:45:00+08:00');
    expect(correctZoneless(shown, { relativeBackLinks: true })).toEqual({
      publishedAt: shown - 8 * 3_600_000,
      fix: 'old-crawler',
    });
    expect(correctZoneless(shown, { relativeBackLinks: false, fetchedAt: fetched })).toEqual({
      publishedAt: shown - 8 * 3_600_000,
      fix: 'future',
    });
    expect(correctZoneless(shown, { relativeBackLinks: false, fetchedAt: shown + 1 })).toEqual({
      publishedAt: shown,
      fix: 'none',
    });
    // far in the future even when moved back: not the zone quirk, left alone
    expect(correctZoneless(shown, { relativeBackLinks: false, fetchedAt: fetched - 86_400_000 }).fix).toBe(
      'none',
    );
  });
});
