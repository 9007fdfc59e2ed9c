import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.ts';
import { createChatStore } from '../../src/chats/store.ts';
import { runMigrate } from '../../src/cli/migrate.ts';
import type { CliIo } from '../../src/cli.ts';
import { createOutbox } from '../../src/delivery/outbox.ts';
import { searchMigrations } from '../../src/search/schema.ts';
import { openDb } from '../../src/storage/db.ts';
import { KV_NAMESPACE } from '../../src/storage/keys.ts';
import { createPgArticleStore } from '../../src/storage/postgres/articles.ts';
import { createPgFeedStore } from '../../src/storage/postgres/feeds.ts';
import { PgKeyvStore } from '../../src/storage/postgres/keyv.ts';
import { createPgOutbox } from '../../src/storage/postgres/outbox.ts';
import { createPgSearchIndex } from '../../src/storage/postgres/search.ts';
import { markServing } from '../../src/storage/postgres/serving.ts';
import { createPgWatchStore } from '../../src/storage/postgres/watches.ts';
import { createTestDatabase, type TestDatabase, testPool } from '../support/postgres.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

const NOW = Date.parse('2026-12-01T08:00:00Z');

const article = (i: number, extra: Partial<Article> = {}): Article => ({
  id: `cat${i % 3}/2026/12/01/NW${1000 + i}`,
  url: `https://finews.example/cat${i % 3}/${i}.html`,
  category: `cat${i % 3}`,
  source: '四川日报',
  title: `第${i}条 央行降准${i % 7 === 0 ? ' 稀土出口' : ''}`,
  publishedAt: NOW - (1000 - i) * 60_000,
  paragraphs: [`正文 ${i}`, '第二段'],
  digest: null,
  attribution: null,
  sourceLink: null,
  images: [],
  storyKey: `${1000 + i}`,
  ...extra,
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} };
  return { value, out, err };
}

let database: TestDatabase;
let pool: pg.Pool;
let t: TestDeps;
const dir = mkdtempSync(join(tmpdir(), 'kx-migrate-'));
const from = () => `sqlite://${t.dbPath}`;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url);
  t = buildTestDeps({ dir, now: () => NOW });
  for (let i = 1; i <= 30; i++) t.seed(article(i), `摘要 ${i}`, NOW);
  await t.deps.chats.subscribe(-100, ['cat0', 'cat1'], NOW);
  await t.deps.chats.subscribe(42, ['cat2'], NOW);
  await t.deps.watchlists.add(42, ['稀土', '降准']);
  await t.deps.watchlists.add(-100, ['茅台']);
  await t.deps.feeds.add({ id: 'f1', slug: 'wire1', kind: 'wire', url: 'https://w.example/rss' }, NOW);
  await t.deps.feeds.see('f1', ['a', 'b', 'c'], NOW);
  await t.deps.feeds.markInitialized('f1');
  t.deps.registry.observe({ slug: 'cat0', source: '四川日报', seenAt: NOW, newPosts: 3 });
  const outbox = createOutbox(t.storage.db);
  outbox.enqueue(
    [1, 2, 3].map((seq) => ({
      chatId: 42,
      key: `a:${1000 + seq}`,
      kind: 'article' as const,
      payload: { seq },
    })),
    NOW,
  );
});
afterAll(async () => {
  t?.close({ remove: false });
  rmSync(dir, { recursive: true, force: true });
  await pool?.end();
  await database?.drop();
});

describe('kuaixun migrate', () => {
  it('stopped part way, a second run finishes without duplicates; the data reads back', async () => {
    const cut = io();
    // ranges of 10 rows: all of kv, then two of the articles' three
    const kvRows = Number(t.storage.db.prepare('SELECT count(*) FROM kv').pluck().get());
    const stopAfter = Math.floor(kvRows / 10) + 1 + 2;
    expect(await runMigrate({ from: from(), to: database.url }, cut.value, { batch: 10, stopAfter })).toBe(1);
    expect(cut.err.join('\n')).toMatch(/run the same command again/);
    const half = await pool.query<{ n: string }>('SELECT count(*) AS n FROM articles');
    expect(Number(half.rows[0]?.n)).toBe(20);

    const r = io();
    expect(await runMigrate({ from: from(), to: database.url }, r.value, { batch: 10 })).toBe(0);
    expect(r.out.filter((l) => l.endsWith('OK'))).toHaveLength(9);
    expect(r.out.join('\n')).not.toMatch(/MISMATCH/);

    const articles = createPgArticleStore(pool);
    expect(await articles.count()).toBe(30);
    const seven = await articles.getBySeq(7);
    expect(seven?.id).toBe(article(7).id);
    expect(seven?.summary).toBe('摘要 7');
    expect(await articles.maxSeq()).toBe(30);

    const kv = new Keyv({ store: new PgKeyvStore(pool), namespace: KV_NAMESPACE });
    const chats = createChatStore(kv, { maxSubscriptions: 50, defaultTz: 'Asia/Shanghai' });
    expect(Object.keys((await chats.get(-100))?.subscriptions ?? {}).sort()).toEqual(['cat0', 'cat1']);
    expect(await chats.subscribers('cat2')).toEqual([42]);

    expect((await createPgWatchStore(pool).list(42)).map((w) => w.label)).toEqual(['稀土', '降准']);
    const feeds = createPgFeedStore(pool);
    expect((await feeds.get('f1'))?.initialized).toBe(true);
    expect(await feeds.unseen('f1', ['a', 'b', 'z'])).toEqual(['z']);

    const outbox = createPgOutbox(pool, { clock: () => NOW });
    const due = await outbox.due(NOW, 10);
    expect(due.map((row) => row.item_key)).toEqual(['a:1001', 'a:1002', 'a:1003']);

    const local = openDb(join(dir, 'replica.sqlite'), searchMigrations);
    try {
      const search = createPgSearchIndex(pool, local);
      const found = await search.search({ terms: ['稀土'], offset: 0, limit: 10, now: NOW });
      expect(found.hits.map((h) => h.seq).sort((a, b) => a - b)).toEqual([7, 14, 21, 28]);
    } finally {
      local.close();
    }
  });

  it('after the bot moved on, an interrupted run and a full one bring every change over', async () => {
    await t.storage.kv.set('doomed', 'x');
    expect(await runMigrate({ from: from(), to: database.url }, io().value)).toBe(0);
    // what the bot does meanwhile: a new article, a chat changed, a key deleted, a row sent
    const fresh = t.seed(article(31), '摘要 31', NOW);
    await t.deps.chats.subscribe(42, ['cat0'], NOW);
    await t.storage.kv.delete('doomed');
    t.storage.db
      .prepare("UPDATE outbox SET status = 'sent', sent_at = ?, message_id = 9 WHERE item_key = 'a:1001'")
      .run(NOW);
    createOutbox(t.storage.db).enqueue(
      [{ chatId: -100, key: 'a:1031', kind: 'article', payload: { seq: fresh.seq } }],
      NOW,
    );
    await t.deps.watchlists.remove(-100, 'all');
    expect(
      await runMigrate({ from: from(), to: database.url }, io().value, { batch: 10, stopAfter: 1 }),
    ).toBe(1);
    const r = io();
    expect(await runMigrate({ from: from(), to: database.url }, r.value)).toBe(0);
    expect(r.out.join('\n')).not.toMatch(/MISMATCH/);

    expect(await createPgArticleStore(pool).count()).toBe(31);
    const kv = new Keyv({ store: new PgKeyvStore(pool), namespace: KV_NAMESPACE });
    expect(await kv.get('doomed')).toBeUndefined();
    const chats = createChatStore(kv, { maxSubscriptions: 50, defaultTz: 'Asia/Shanghai' });
    expect(Object.keys((await chats.get(42))?.subscriptions ?? {}).sort()).toEqual(['cat0', 'cat2']);
    expect(await createPgWatchStore(pool).countFor(-100)).toBe(0);
    const rows = await pool.query<{ item_key: string; status: string; message_id: string | null }>(
      'SELECT item_key, status, message_id FROM outbox ORDER BY id',
    );
    expect(rows.rows.map((x) => `${x.item_key}:${x.status}`)).toEqual([
      'a:1001:sent',
      'a:1002:pending',
      'a:1003:pending',
      'a:1031:pending',
    ]);
    // the sequences moved past the copied keys: the next article and row come after them
    const next = await pool.query<{ n: string }>(
      "SELECT nextval(pg_get_serial_sequence('articles', 'seq')) AS n",
    );
    expect(Number(next.rows[0]?.n)).toBe(32);
    const log = await pool.query<{ n: string }>('SELECT count(*) AS n FROM search_log WHERE doc IS NOT NULL');
    expect(Number(log.rows[0]?.n)).toBe(31);
  });

  it('copies one snapshot while the bot keeps writing; the next run brings the writes', async () => {
    const before = await createPgArticleStore(pool).count();
    // the bot writes between the copy's reads: the copy neither sees nor counts it
    const onTable = async (table: string) => {
      if (table !== 'kv') return;
      t.seed(article(40), '摘要 40', NOW);
      await t.storage.kv.set('live', 'written mid-copy');
    };
    const r = io();
    expect(await runMigrate({ from: from(), to: database.url }, r.value, { onTable })).toBe(0);
    expect(await createPgArticleStore(pool).count()).toBe(before);
    expect(await runMigrate({ from: from(), to: database.url }, io().value)).toBe(0);
    expect(await createPgArticleStore(pool).count()).toBe(before + 1);
    const kv = new Keyv({ store: new PgKeyvStore(pool), namespace: KV_NAMESPACE });
    expect(await kv.get('live')).toBe('written mid-copy');
  });

  it('a count that differs at the end is a MISMATCH and exit 1', async () => {
    const r = io();
    // another writer behind the copy's back: a kv key appears after kv was compared
    const onTable = async (table: string) => {
      if (table === 'kv') await pool.query("INSERT INTO kv (key, value) VALUES ('kx:stray', '1')");
    };
    expect(await runMigrate({ from: from(), to: database.url }, r.value, { onTable })).toBe(1);
    expect(r.out.join('\n')).toMatch(/^kv\s+(\d+)\s+(?!\1\b)\d+\s+MISMATCH$/m);
    expect(r.err.join('\n')).toMatch(/MISMATCH in kv/);
    // the next run puts it right
    expect(await runMigrate({ from: from(), to: database.url }, io().value)).toBe(0);
  });

  it('refuses once an instance has served from the target, unless forced', async () => {
    await markServing(pool, NOW);
    const r = io();
    expect(await runMigrate({ from: from(), to: database.url }, r.value)).toBe(1);
    expect(r.err.join('\n')).toMatch(
      /instances have served from this database since 2026-12-01T08:00:00\.000Z.*--force/,
    );
    expect(await runMigrate({ from: from(), to: database.url, force: true }, io().value)).toBe(0);
  });
});
