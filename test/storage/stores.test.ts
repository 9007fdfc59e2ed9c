import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSearchSessions } from '../../src/search/sessions.ts';
import type { SavedSearch } from '../../src/search/types.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { kvMigrations } from '../../src/storage/keyv-sqlite.ts';
import { createSqliteProbe } from '../../src/storage/probe.ts';
import { createSqliteTransactions } from '../../src/storage/transactions.ts';
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
  storage.close();
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
    storage.close();
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

describe('transactions', () => {
  it('commit what returns, roll back what throws, and say when one is open', () => {
    const tx = createSqliteTransactions(storage.db);
    storage.db.exec('CREATE TABLE t (x INTEGER)');
    const insert = storage.db.prepare('INSERT INTO t VALUES (?)');
    expect(tx.active()).toBe(false);
    const inside = tx.run(() => {
      insert.run(1);
      return tx.active();
    });
    expect(inside).toBe(true);
    expect(() =>
      tx.run(() => {
        insert.run(2);
        throw new Error('half a batch');
      }),
    ).toThrow('half a batch');
    expect(storage.db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
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
