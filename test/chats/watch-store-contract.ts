import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatchEntry, WatchStore } from '../../src/chats/watch-store.ts';
import type { Async } from '../../src/storage/async.ts';

/** One empty watches table; every `store()` is another store on the same data (a reopen). */
export interface WatchBackend {
  store(now?: () => number): Async<WatchStore>;
  /** created_at of one entry, as stored */
  createdAt(chatId: number, term: string): Promise<number | undefined>;
  close(): Promise<void>;
}

const w = (chatId: number, term: string, label = term): WatchEntry => ({ chatId, term, label });

/**
 * What every watch store keeps (the cases of test/chats/watch-store.test.ts, at the store's
 * level): SQLite through asyncify and PostgreSQL run them alike.
 */
export function watchStoreContract(name: string, make: () => Promise<WatchBackend>): void {
  describe(`watch store contract: ${name}`, () => {
    let b: WatchBackend;
    let s: Async<WatchStore>;
    beforeEach(async () => {
      b = await make();
      s = b.store(() => 5000);
    });
    afterEach(async () => {
      await b.close();
    });

    it('adds only what is new, in the order given, and answers with the entries inserted', async () => {
      expect(await s.add([])).toEqual([]);
      expect(await s.add([w(1, '降准'), w(1, 'ai', 'ＡＩ'), w(1, '降准', '降准!')])).toEqual([
        w(1, '降准'),
        w(1, 'ai', 'ＡＩ'),
      ]);
      expect(await s.add([w(1, 'ai', 'AI'), w(1, '甲'), w(2, 'ai', 'Ai')])).toEqual([
        w(1, '甲'),
        w(2, 'ai', 'Ai'),
      ]);
      expect(await s.list(1)).toEqual([w(1, '降准'), w(1, 'ai', 'ＡＩ'), w(1, '甲')]);
      expect(await s.list(3)).toEqual([]);
      expect(await b.createdAt(1, '甲')).toBe(5000);
      // a reopened store sees the same, in the same order
      expect(await b.store().list(1)).toEqual([w(1, '降准'), w(1, 'ai', 'ＡＩ'), w(1, '甲')]);
    });

    it('keeps insertion order per chat: a term removed and added again goes last', async () => {
      await s.add([w(7, 'c'), w(7, 'a'), w(7, 'b')]);
      expect((await s.list(7)).map((e) => e.term)).toEqual(['c', 'a', 'b']);
      await s.remove(7, ['c']);
      await s.add([w(7, 'c')]);
      expect((await s.list(7)).map((e) => e.term)).toEqual(['a', 'b', 'c']);
    });

    it('removes the chat’s entries with these terms, answering with them in list order', async () => {
      await s.add([w(1, 'x'), w(1, 'y'), w(1, 'z'), w(2, 'y')]);
      expect(await s.remove(1, ['z', 'nope', 'x', 'x'])).toEqual([w(1, 'x'), w(1, 'z')]);
      expect(await s.remove(1, ['x'])).toEqual([]);
      expect(await s.remove(1, [])).toEqual([]);
      expect(await s.list(1)).toEqual([w(1, 'y')]);
      expect(await s.list(2)).toEqual([w(2, 'y')]);
    });

    it("'all' removes every entry of the chat and no other", async () => {
      await s.add([w(1, '降准'), w(1, 'ai', 'ＡＩ'), w(1, '甲'), w(2, '600519')]);
      expect(await s.remove(1, 'all')).toEqual([w(1, '降准'), w(1, 'ai', 'ＡＩ'), w(1, '甲')]);
      expect(await s.remove(1, 'all')).toEqual([]);
      expect(await s.all()).toEqual([w(2, '600519')]);
    });

    it('lists every entry by chat then term (bytewise), and counts', async () => {
      const big = -(2 ** 52) - 3; // a topic record's id
      await s.add([w(5, 'b'), w(5, 'B'), w(-100, 'z'), w(5, '宁德时代'), w(5, 'a'), w(big, 't')]);
      expect((await s.all()).map((e) => [e.chatId, e.term])).toEqual([
        [big, 't'],
        [-100, 'z'],
        [5, 'B'],
        [5, 'a'],
        [5, 'b'],
        [5, '宁德时代'],
      ]);
      expect(await s.count()).toBe(6);
      expect(await s.countFor(5)).toBe(4);
      expect(await s.countFor(6)).toBe(0);
      expect(await s.list(big)).toEqual([w(big, 't')]);
    });
  });
}
