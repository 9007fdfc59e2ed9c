import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWatchStore } from '../../src/chats/watch-store.ts';
import { createWatchlists } from '../../src/delivery/watchlists.ts';
import { createStockDirectory, loadAShares } from '../../src/match/stocks.ts';
import { createNormalizer } from '../../src/search/normalize.ts';
import { asyncify } from '../../src/storage/async.ts';
import { openDb } from '../../src/storage/db.ts';
import { allMigrations } from '../../src/storage/migrations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const open = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kx-watch-'));
  dirs.push(dir);
  return join(dir, 'kx.sqlite');
};

describe('watch store and watchlists', () => {
  it('keeps terms per chat in order, survives a reopen, and the matcher follows every change', async () => {
    const path = open();
    const normalizer = createNormalizer();
    const stocks = createStockDirectory(loadAShares(), { normalizer });
    let db = openDb(path, allMigrations());
    let lists = createWatchlists({
      store: asyncify(createWatchStore(db)),
      normalizer,
      stocks,
      perChat: 3,
      total: 5,
    });
    expect((await lists.add(1, ['降准', 'ＡＩ', '降准'])).added).toEqual(['降准', 'ＡＩ']);
    expect((await lists.add(1, ['ai'])).already).toEqual(['ai']);
    expect((await lists.add(1, ['甲', '乙'])).overChat).toEqual(['乙']);
    const two = await lists.add(2, ['600519', '宁德时代', '比亚迪']);
    expect(two.added).toEqual(['600519', '宁德时代']);
    expect(two.overTotal).toEqual(['比亚迪']);
    expect((await lists.add(1, ['x'.repeat(100)])).rejected[0]?.reason).toBe('too-long');
    db.close();

    db = openDb(path, allMigrations());
    lists = createWatchlists({
      store: asyncify(createWatchStore(db)),
      normalizer,
      stocks,
      perChat: 3,
      total: 10,
    });
    expect(await lists.list(1)).toEqual(['降准', 'ＡＩ', '甲']);
    // the matcher is built from the store before a fan-out reads it
    await lists.sync();
    const hitChats = (text: string) =>
      lists
        .hits(text)
        .map((h) => h.chatId)
        .sort();
    expect(hitChats('贵州茅台与AI')).toEqual([1, 2]);
    expect(hitChats('债券16005190')).toEqual([]);
    expect(await lists.remove(2, ['600519'])).toEqual(['600519']);
    expect(hitChats('贵州茅台')).toEqual([]);
    expect(await lists.remove(1, 'all')).toEqual(['降准', 'ＡＩ', '甲']);
    expect(hitChats('降准与AI')).toEqual([]);
    db.close();
  });
});
