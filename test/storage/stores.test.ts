import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteArchive } from '../../src/articles/archive.ts';
import { createArticleStore } from '../../src/articles/store.ts';
import type { Article, StoredArticle } from '../../src/articles/types.ts';
import type { Logger } from '../../src/log.ts';
import { createKeyvSourceHealthStore } from '../../src/ops/source-health-store.ts';
import type { SourceHealthState } from '../../src/ops/types.ts';
import { createSearchSessions } from '../../src/search/sessions.ts';
import type { SavedSearch } from '../../src/search/types.ts';
import { createKeyvManagerHints } from '../../src/service/manager-hints.ts';
import { openDb } from '../../src/storage/db.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { kvMigrations } from '../../src/storage/keyv-sqlite.ts';
import { allMigrations } from '../../src/storage/migrations.ts';
import { createSqliteProbe } from '../../src/storage/probe.ts';
import { createReadThrottle } from '../../src/telegram/read-throttle.ts';

let dir: string;
let storage: Storage;
const open = () => openStorage({ STORAGE_URL: `sqlite://${join(dir, 'kx.sqlite')}` }, kvMigrations);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kx-stores-'));
  storage = open();
});
afterEach(() => {
  void storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const saved: SavedSearch = {
  chat: -100,
  terms: ['央行', '降准'],
  categories: ['emnews'],
  since: 1_700_000_000_000,
  display: '央行 降准 #emnews',
  truncated: false,
};

describe('search sessions', () => {
  it('keep a search across a restart under the key searches always had, and forget it after the TTL', async () => {
    await createSearchSessions(storage.kv).save('AbCdEf12', saved);
    await createSearchSessions(storage.kv, 30).save('short-id', saved);
    await storage.close();
    storage = open();
    const sessions = createSearchSessions(storage.kv);
    expect(await sessions.load('AbCdEf12')).toEqual(saved);
    expect(await sessions.load('unknown1')).toBeUndefined();
    // an upgrade must find the sessions written before it: the stored key is unchanged
    const keys = storage.db.prepare('SELECT key FROM kv ORDER BY key').pluck().all();
    expect(keys).toEqual(['kx:search:AbCdEf12', 'kx:search:short-id']);
    await sleep(60);
    expect(await sessions.load('short-id')).toBeUndefined();
  });
});

describe('source health store', () => {
  it('keeps the site and each feed apart, across a restart, under the keys the watch always used', async () => {
    const site: SourceHealthState = { lastNewAt: 1, gaps: [5, 6], parseStreak: 0, alerting: 'silent' };
    const feed: SourceHealthState = { lastNewAt: null, gaps: [], parseStreak: 2, alerting: null };
    const store = createKeyvSourceHealthStore(storage.kv);
    expect(await store.get('site')).toBeUndefined();
    await store.set('site', site);
    await store.set({ feedId: 'wire-cls' }, feed);
    await storage.close();
    storage = open();
    const again = createKeyvSourceHealthStore(storage.kv);
    expect(await again.get('site')).toEqual(site);
    expect(await again.get({ feedId: 'wire-cls' })).toEqual(feed);
    expect(await again.get({ feedId: 'other' })).toBeUndefined();
    const keys = storage.db.prepare('SELECT key FROM kv ORDER BY key').pluck().all();
    expect(keys).toEqual(['kx:ops:source-health', 'kx:ops:source-health:feed:wire-cls']);
  });
});

describe('manager hints', () => {
  it('lists the chats a user managed, newest first, once each, at most the cap', async () => {
    const hints = createKeyvManagerHints(storage.kv, 3);
    expect(await hints.list(7)).toEqual([]);
    for (const chat of [-1, -2, -1, -3, -4]) await hints.add(7, chat);
    expect(await hints.list(7)).toEqual([-4, -3, -2]);
    expect(await hints.list(8)).toEqual([]);
    const keys = storage.db.prepare('SELECT key FROM kv ORDER BY key').pluck().all();
    expect(keys).toEqual(['kx:managers:7']);
  });
});

describe('read throttle', () => {
  it('lets a chat see an article once per window, other chats and articles independently', async () => {
    const throttle = createReadThrottle(storage.kv, 50);
    expect(await throttle.claim(-100, 7)).toBe(true);
    expect(await throttle.claim(-100, 7)).toBe(false);
    expect(await throttle.claim(-100, 8)).toBe(true);
    expect(await throttle.claim(-200, 7)).toBe(true);
    await sleep(80);
    expect(await throttle.claim(-100, 7)).toBe(true);
  });
});

describe("the SQLite archive (ingest's one write)", () => {
  const art = (n: number): Article => ({
    id: `emnews/2022/05/31/${n}`,
    url: `http://x/${n}.html`,
    category: 'emnews',
    source: '东财',
    title: `标题${n}`,
    publishedAt: 1_000 + n,
    paragraphs: ['正文。'],
    digest: null,
    attribution: null,
    sourceLink: null,
    images: [],
    storyKey: String(n),
  });
  const setup = (add: (a: StoredArticle) => void) => {
    const db = openDb(':memory:', allMigrations());
    const articles = createArticleStore(db);
    const errors: unknown[] = [];
    const log = { error: (o: unknown) => errors.push(o) } as unknown as Logger;
    return { db, articles, errors, archive: createSqliteArchive(db, { articles, search: { add }, log }) };
  };

  it('a database error while indexing rolls the whole batch back', async () => {
    const x = setup((a) => {
      if (a.seq === 2) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    });
    const items = [1, 2, 3].map((n) => ({ article: art(n), summary: '' }));
    await expect(x.archive.insertMany(items, 5)).rejects.toThrow('disk full');
    expect(x.articles.count()).toBe(0);
    x.db.close();
  });

  it('a bug in the indexer is logged and costs no article; a known id comes back not inserted', async () => {
    const x = setup((a) => {
      if (a.seq === 1) throw new TypeError('indexer bug');
    });
    const first = await x.archive.insertMany([{ article: art(1), summary: '' }], 5);
    expect(first.map((r) => r.inserted)).toEqual([true]);
    expect(x.errors).toHaveLength(1);
    const again = await x.archive.insertMany(
      [1, 2].map((n) => ({ article: art(n), summary: '' })),
      6,
    );
    expect(again.map((r) => [r.article.seq, r.inserted])).toEqual([
      [1, false],
      [2, true],
    ]);
    x.db.close();
  });
});

describe('storage probe', () => {
  it('answers while the database is open and rejects once it is closed', async () => {
    const probe = createSqliteProbe(storage.db);
    await expect(probe.check()).resolves.toBeUndefined();
    storage.db.close();
    await expect(probe.check()).rejects.toThrow(/not open/);
  });
});
