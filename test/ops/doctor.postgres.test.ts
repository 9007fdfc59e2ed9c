import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, cli } from '../../src/cli.ts';
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';

let fake: FakeTelegram;
let site: SiteServer;
let db: TestDatabase;
beforeAll(async () => {
  fake = await startFakeTelegram();
  site = await startSiteServer({ snapshot: 's3-2022-03-15' });
  db = await createTestDatabase();
});
afterAll(async () => {
  await fake.close();
  await site.close();
  await db.drop();
});

async function doctor(storageUrl: string) {
  const out: string[] = [];
  const env = {
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    SITE_URL: site.url,
    STORAGE_URL: storageUrl,
    REPLICA_PATH: join(mkdtempSync(join(tmpdir(), 'kx-doctor-')), 'replica.sqlite'),
  };
  const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), env };
  return { code: await cli(['doctor'], io), text: out.join('\n') };
}

describe('kuaixun doctor with STORAGE_URL=postgres://', () => {
  it('checks that PostgreSQL answers and takes a write, before any instance made its tables', async () => {
    const { code, text } = await doctor(db.url);
    expect(text).toMatch(/✓ storage: postgres 127\.0\.0\.1:5432\/kx_\w+ answers and is writable; 0 articles/);
    expect(code).toBe(0);
  });

  it('names the server and never the password when it does not answer', async () => {
    const { code, text } = await doctor('postgres://kuaixun:s3cret-pw@127.0.0.1:9/kuaixun');
    expect(code).not.toBe(0);
    expect(text).toMatch(/✗ storage: .*postgres 127\.0\.0\.1:9\/kuaixun/);
    expect(text).not.toContain('s3cret-pw');
  });
});
