import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, cli } from '../../src/cli.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';

let fake: FakeTelegram;
let site: SiteServer;
beforeAll(async () => {
  fake = await startFakeTelegram();
  site = await startSiteServer({ snapshot: 's3-2022-03-15' });
});
afterAll(async () => {
  await fake.close();
  await site.close();
});

async function doctor(env: Record<string, string>) {
  const out: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), env };
  const code = await cli(['doctor'], io);
  return { code, text: out.join('\n') };
}

const baseEnv = () => ({
  BOT_TOKEN: fake.token,
  TELEGRAM_API_ROOT: fake.apiRoot,
  SITE_URL: site.url,
  STORAGE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'kx-doctor-')), 'k.sqlite')}`,
});

describe('kuaixun doctor', () => {
  it('passes every check on a healthy setup and says what it saw', async () => {
    const { code, text } = await doctor(baseEnv());
    expect(text).toContain('✓ telegram token: @kuaixun_test_bot');
    expect(text).toMatch(/✓ site: home page lists \d+ sources, feed.xml \d+ entries/);
    expect(text).toMatch(/✓ storage: .*k\.sqlite opens, migrations applied, writable/);
    expect(text).toContain('All checks passed.');
    expect(code).toBe(0);
    expect(text).not.toContain(fake.token);
  });

  it('says what is wrong and how to fix it: revoked token, wrong site, unwritable storage', async () => {
    fake.revokeToken();
    const env = {
      ...baseEnv(),
      SITE_URL: 'http://127.0.0.1:9',
      STORAGE_URL: 'sqlite:///etc/passwd/k.sqlite',
    };
    const { code, text } = await doctor(env);
    fake.restoreToken();
    expect(code).toBe(1);
    expect(text).toMatch(/✗ telegram token: .*401.*@BotFather/);
    expect(text).toMatch(/✗ site: .*Check SITE_URL/);
    expect(text).toMatch(/✗ storage: .*STORAGE_URL/);
    expect(text).toContain('problem(s) found');
    expect(text).not.toContain(fake.token);
  });

  it('without a token says how to get one', async () => {
    const { BOT_TOKEN: _drop, ...env } = baseEnv();
    const { code, text } = await doctor(env);
    expect(code).toBe(1);
    expect(text).toMatch(/✗ telegram token: BOT_TOKEN is not set.*@BotFather/);
  });
});

describe('kuaixun backup', () => {
  it('copies a live database into a new file that opens with the same rows', async () => {
    const env = baseEnv();
    expect((await doctor(env)).code).toBe(0);
    const target = join(mkdtempSync(join(tmpdir(), 'kx-backup-')), 'copy.sqlite');
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), env };
    expect(await cli(['backup', target], io)).toBe(0);
    const { default: Database } = await import('better-sqlite3');
    const copy = new Database(target, { readonly: true });
    const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['articles', 'outbox', 'kv', 'schema_migrations']));
    copy.close();
    expect(await cli(['backup', target], io)).toBe(1);
    expect(out.join('\n')).toContain('exists');
  });
});
