import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, cli, NO_TOKEN_MESSAGE } from '../../src/cli.ts';
import { type SiteServer, SNAPSHOTS, startSiteServer } from '../support/site-server.ts';

const BIN = fileURLToPath(new URL('../../bin/kuaixun.js', import.meta.url));
const run = promisify(execFile);

function io(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env };
  return { value, out, err };
}

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer({ snapshot: SNAPSHOTS[0] });
});
afterAll(async () => {
  await site.close();
});

describe('kuaixun preview --json', () => {
  it.each(SNAPSHOTS.map((s) => [s]))('prints every post of %s with correct fields', async (snapshot) => {
    site.switchTo(snapshot);
    const t = io({ SITE_URL: site.url });
    expect(await cli(['preview', '--json'], t.value)).toBe(0);
    const rows = t.out.map((l) => JSON.parse(l) as Record<string, string>);
    const expected: Record<string, number> = {
      's1-2021-12-08-1200': 25,
      's2-2021-12-08-1600': 53,
      's3-2022-03-15': 5,
      's4-2022-05-31': 8,
    };
    expect(rows).toHaveLength(expected[snapshot]!);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['category', 'publishedAt', 'source', 'summary', 'title', 'url']);
      expect(r.url!.startsWith(`${site.url}/${r.category}/`)).toBe(true);
      expect(r.title!.length).toBeGreaterThan(0);
      expect(r.summary!.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(r.publishedAt!))).toBe(false);
    }
    expect(t.err.some((l) => l.startsWith('reading posts'))).toBe(true);
  });

  it('--site overrides SITE_URL and the 四川日报 article is right', async () => {
    site.switchTo('s3-2022-03-15');
    const t = io({ SITE_URL: 'http://127.0.0.1:9' });
    expect(await cli(['preview', '--json', '--site', site.url], t.value)).toBe(0);
    const row = t.out
      .map((l) => JSON.parse(l) as Record<string, string>)
      .find((r) => r.category === 'sichuanribao')!;
    expect(row.source).toBe('四川日报');
    expect(row.publishedAt).toBe('2022-03-14T21:35:18.000Z');
    expect(row.summary).toContain('295亿元');
    expect(row.summary!.startsWith('百尺竿头')).toBe(false);
  });

  it('says so when the site cannot be read', async () => {
    const t = io({ SITE_URL: 'http://127.0.0.1:9' });
    expect(await cli(['preview'], t.value)).toBe(1);
    expect(t.err.join('\n')).toMatch(/No articles could be read/);
  });
});

describe('kuaixun summarize', () => {
  it('summarizes a post page URL as JSON', async () => {
    site.switchTo('s3-2022-03-15');
    const t = io();
    const url = `${site.url}/sichuanribao/2022/03/15/NW202203152308494336.html`;
    expect(await cli(['summarize', url, '--json'], t.value)).toBe(0);
    const r = JSON.parse(t.out[0]!) as { title: string; summary: string };
    expect(r.title).toContain('中国人寿四川省分公司');
    expect(r.summary).toContain('295亿元');
  });

  it('summarizes a Jekyll post file and refuses a missing one', async () => {
    const post = fileURLToPath(
      new URL('../fixtures/finews/posts/old_post/2022-03-15-NW202203152308494336.md', import.meta.url),
    );
    const t = io();
    expect(await cli(['summarize', post, '--json'], t.value)).toBe(0);
    expect((JSON.parse(t.out[0]!) as { summary: string }).summary).toContain('295亿元');
    const missing = io();
    expect(await cli(['summarize', '/nonexistent/post.html'], missing.value)).toBe(1);
    expect(missing.err[0]).toMatch(/cannot summarize/);
  });
});

describe('kuaixun run', () => {
  it('without BOT_TOKEN exits 1 with one sentence naming @BotFather and .env', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kx-cli-'));
    const env = { PATH: process.env.PATH ?? '', HOME: cwd };
    const err = await run('node', [BIN, 'run'], { cwd, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr.trim()).toBe(NO_TOKEN_MESSAGE);
  });

  it('a bad value stops start-up naming the key', async () => {
    const t = io({ BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAA', POLL_CRON: 'sometimes' });
    expect(await cli(['run'], t.value)).toBe(1);
    expect(t.err[0]).toMatch(/^Invalid POLL_CRON/);
  });
});
