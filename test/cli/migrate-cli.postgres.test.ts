import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../src/cli/migrate.ts';
import type { CliIo } from '../../src/cli.ts';
import { createOutbox } from '../../src/delivery/outbox.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const BIN = fileURLToPath(new URL('../../bin/kuaixun.js', import.meta.url));
const run = promisify(execFile);
const NOW = Date.parse('2026-12-01T08:00:00Z');
// enough articles that the copy is still running when the test kills it
const ARTICLES = 3_000;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} };
  return { value, out, err };
}

let database: TestDatabase;
let t: TestDeps;
const from = () => `sqlite://${t.dbPath}`;

beforeAll(async () => {
  database = await createTestDatabase();
  t = buildTestDeps({ now: () => NOW });
  t.storage.db.transaction(() => {
    for (let i = 1; i <= ARTICLES; i++)
      t.seed({
        id: `c/${i}`,
        url: `https://finews.example/c/${i}.html`,
        category: 'c',
        source: '四川日报',
        title: `第${i}条`,
        publishedAt: NOW - i * 1000,
        paragraphs: ['正文'.repeat(200)],
        digest: null,
        attribution: null,
        sourceLink: null,
        images: [],
        storyKey: `${i}`,
      });
  })();
  await t.deps.chats.subscribe(42, ['c'], NOW);
  createOutbox(t.storage.db).enqueue(
    [1, 2].map((seq) => ({ chatId: 42, key: `a:${seq}`, kind: 'article' as const, payload: { seq } })),
    NOW,
  );
}, 60_000);
afterAll(async () => {
  t?.close();
  await database?.drop();
});

describe('kuaixun migrate on the command line', () => {
  it('refuses bad arguments with the usage line and exit 2', async () => {
    for (const args of [
      {},
      { from: from() },
      { from: t.dbPath, to: database.url },
      { from: from(), to: 'mysql://x' },
      { from: 'sqlite:///no/such/file.sqlite', to: database.url },
    ]) {
      const r = io();
      expect(await runMigrate(args, r.value)).toBe(2);
      expect(r.err.join('\n')).toMatch(/usage: kuaixun migrate --from sqlite:/);
    }
    const bad = await run('node', [BIN, 'migrate', '--from', 'data/x.db', '--to', database.url]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in bad ? bad.code : 0).toBe(2);
    expect(bad.stderr).toMatch(/usage: kuaixun migrate/);
  });

  it('a failed connection exits 1 without the password', async () => {
    const r = io();
    const to = 'postgres://kx:s3cret-pw@127.0.0.1:1/nowhere';
    expect(await runMigrate({ from: from(), to }, r.value)).toBe(1);
    expect([...r.out, ...r.err].join('\n')).not.toMatch(/s3cret/);
    expect(r.err.join('\n')).toMatch(/migrate failed/);
  });

  it('killed mid-copy, run again: exit 0, every count OK, never the password', async () => {
    // the test server trusts local connections, so a password is accepted and ignored: here
    // it only has to stay out of the output
    const url = new URL(database.url);
    url.password = 's3cret-pw';
    const args = [BIN, 'migrate', '--from', from(), '--to', url.toString()];
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        seen += b.toString();
        // kv is copied: the articles are under way
        if (/^kv /m.test(seen)) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(seen).not.toMatch(/every count matches/);
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    const half = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0]?.n);
    await c.end();
    expect(half).toBeLessThan(ARTICLES);

    const good = await run('node', args, { env: { ...process.env, BOT_TOKEN: '' } });
    expect(`${good.stdout}${good.stderr}`).not.toMatch(/s3cret/);
    expect(good.stdout).toMatch(/:\*\*\*@/);
    expect(good.stdout).toMatch(new RegExp(`^articles\\s+${ARTICLES}\\s+${ARTICLES}\\s+OK$`, 'm'));
    expect(good.stdout).toMatch(new RegExp(`^search_log\\s+${ARTICLES}\\s+${ARTICLES}\\s+OK$`, 'm'));
    expect(good.stdout).toMatch(/^outbox\s+2\s+2\s+OK$/m);
    expect(good.stdout).toMatch(/every count matches/);
  }, 60_000);
});
