import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedStore, NewFeed, ReadOutcome } from '../../src/sources/store/types.ts';
import type { Async } from '../../src/storage/async.ts';

import { feedSeenCases } from './feed-seen-contract.ts';

export interface FeedStoreUnderTest {
  store: Async<FeedStore>;
  close(): Promise<void>;
}

/** epoch ms of today: beyond 2^32, so a backend that loses bigints shows it */
const T = 1_765_000_000_000;
const MIN = 60_000;
const feed = (id: string, kind: 'feed' | 'wire' = 'feed', extra: Partial<NewFeed> = {}): NewFeed => ({
  id,
  slug: `${kind}-${id}`,
  kind,
  url: `https://example.com/${id}.xml`,
  ...extra,
});
const ok = (extra: Partial<ReadOutcome> = {}): ReadOutcome => ({
  at: T,
  validators: {},
  nextDueAt: T + 10 * MIN,
  items: 3,
  newItems: 0,
  ...extra,
});

/**
 * What every feed store keeps (src/sources/store/sqlite.ts is the reference): SQLite through
 * asyncify and PostgreSQL run the same cases. `make` gives an empty store each time.
 */
export function feedStoreContract(name: string, make: () => Promise<FeedStoreUnderTest>): void {
  describe(`feed store contract: ${name}`, () => {
    let u: FeedStoreUnderTest;
    let s: Async<FeedStore>;
    beforeEach(async () => {
      u = await make();
      s = u.store;
    });
    afterEach(async () => {
      await u.close();
    });

    it('adds a feed once with its defaults, and finds it by id, slug and URL', async () => {
      const made = await s.add(feed('a1'), T);
      expect(made).toEqual({
        id: 'a1',
        slug: 'feed-a1',
        kind: 'feed',
        url: 'https://example.com/a1.xml',
        title: '',
        siteUrl: null,
        validators: {},
        nextDueAt: 0,
        failures: 0,
        emptyReads: 0,
        lastOkAt: null,
        lastNewAt: null,
        lastError: null,
        initialized: false,
        createdAt: T,
      });
      // the id exists: nothing changes, the stored record comes back
      expect(await s.add(feed('a1', 'feed', { title: 'other', siteUrl: 'https://x' }), T + 5)).toEqual(made);
      const titled = await s.add(feed('cls', 'wire', { title: '财联社', siteUrl: 'https://cls.cn' }), T + 1);
      expect(titled).toMatchObject({
        kind: 'wire',
        title: '财联社',
        siteUrl: 'https://cls.cn',
        createdAt: T + 1,
      });
      expect(await s.get('a1')).toEqual(made);
      expect(await s.bySlug('wire-cls')).toEqual(titled);
      expect(await s.byUrl('https://example.com/a1.xml')).toEqual(made);
      expect(await s.get('nope')).toBeUndefined();
      expect(await s.bySlug('feed-nope')).toBeUndefined();
      expect(await s.byUrl('https://example.com/nope.xml')).toBeUndefined();
    });

    it('refuses a new id whose slug or URL another feed has', async () => {
      await s.add(feed('a1'), T);
      await expect(s.add({ ...feed('a2'), slug: 'feed-a1' }, T)).rejects.toThrow();
      await expect(s.add({ ...feed('a3'), url: 'https://example.com/a1.xml' }, T)).rejects.toThrow();
      await expect(s.add({ ...feed('a4'), kind: 'bogus' as 'feed' }, T)).rejects.toThrow();
      expect(await s.count()).toBe(1);
    });

    it('lists all by creation then id, and counts by kind', async () => {
      await s.add(feed('b'), T + 1);
      await s.add(feed('a', 'wire'), T + 1);
      await s.add(feed('Z'), T + 1);
      await s.add(feed('c'), T);
      expect((await s.all()).map((f) => f.id)).toEqual(['c', 'Z', 'a', 'b']);
      expect(await s.count()).toBe(4);
      expect(await s.count('feed')).toBe(3);
      expect(await s.count('wire')).toBe(1);
      expect(await u.store.all()).toHaveLength(4);
    });

    it('lists due feeds most overdue first, ties by id, up to the limit', async () => {
      for (const id of ['d', 'c', 'b', 'a', 'B']) await s.add(feed(id), T);
      await s.recordOk('a', ok({ nextDueAt: T + 3 * MIN }));
      await s.recordOk('b', ok({ nextDueAt: T + MIN }));
      await s.recordError('c', { at: T, error: 'x', nextDueAt: T + MIN });
      await s.park('d', T + 60 * MIN);
      // B is new: due at 0, the most overdue of all
      expect((await s.due(T + 3 * MIN, 10)).map((f) => f.id)).toEqual(['B', 'b', 'c', 'a']);
      expect((await s.due(T + 3 * MIN, 2)).map((f) => f.id)).toEqual(['B', 'b']);
      expect((await s.due(T + MIN - 1, 10)).map((f) => f.id)).toEqual(['B']);
      expect((await s.due(T + 60 * MIN, 10)).map((f) => f.id)).toEqual(['B', 'b', 'c', 'a', 'd']);
    });

    it('a good read stores validators, clears the backoff, and fills only an empty title', async () => {
      await s.add(feed('a'), T);
      await s.recordError('a', { at: T, error: 'timeout', nextDueAt: T + MIN });
      await s.recordError('a', { at: T, error: 'x'.repeat(600), nextDueAt: T + 2 * MIN });
      expect(await s.get('a')).toMatchObject({
        failures: 2,
        lastError: 'x'.repeat(500),
        nextDueAt: T + 2 * MIN,
      });
      await s.recordOk(
        'a',
        ok({
          at: T + 5,
          validators: { etag: '"v1"', lastModified: 'Sat, 06 Dec 2026 08:00:00 GMT' },
          title: '甲',
          siteUrl: 'https://a.example',
          newItems: 2,
        }),
      );
      expect(await s.get('a')).toMatchObject({
        failures: 0,
        lastError: null,
        lastOkAt: T + 5,
        lastNewAt: T + 5,
        nextDueAt: T + 10 * MIN,
        title: '甲',
        siteUrl: 'https://a.example',
        validators: { etag: '"v1"', lastModified: 'Sat, 06 Dec 2026 08:00:00 GMT' },
      });
      // the title stays once set; no siteUrl keeps the old one; no validators forgets them
      await s.recordOk('a', ok({ at: T + 9, title: '乙', newItems: 0 }));
      expect(await s.get('a')).toMatchObject({
        title: '甲',
        siteUrl: 'https://a.example',
        validators: {},
        lastOkAt: T + 9,
        lastNewAt: T + 5,
      });
      await s.recordOk('a', ok({ siteUrl: null }));
      expect((await s.get('a'))?.siteUrl).toBe('https://a.example');
      await s.recordOk('b', ok()); // an unknown feed: nothing happens
      expect(await s.get('b')).toBeUndefined();
    });

    it('counts empty reads: up on an empty feed, kept on not-modified, reset by items', async () => {
      await s.add(feed('a'), T);
      await s.recordOk('a', ok({ items: 0 }));
      await s.recordOk('a', ok({ items: 0 }));
      expect((await s.get('a'))?.emptyReads).toBe(2);
      await s.recordOk('a', ok({ items: 'not-modified' }));
      expect((await s.get('a'))?.emptyReads).toBe(2);
      await s.recordOk('a', ok({ items: 1 }));
      expect((await s.get('a'))?.emptyReads).toBe(0);
    });

    it('parks a feed (silent first read again), marks it initialized, and moves its URL', async () => {
      await s.add(feed('cls', 'wire'), T);
      await s.markInitialized('cls');
      expect((await s.get('cls'))?.initialized).toBe(true);
      await s.park('cls', T + 99);
      expect(await s.get('cls')).toMatchObject({ initialized: false, nextDueAt: T + 99 });
      await s.markInitialized('cls');
      await s.recordOk('cls', ok({ validators: { etag: 'e', lastModified: 'm' } }));
      await s.moveUrl('cls', 'https://rsshub.example/cls');
      expect(await s.get('cls')).toMatchObject({
        url: 'https://rsshub.example/cls',
        validators: {},
        initialized: true,
        nextDueAt: T + 10 * MIN,
      });
      expect((await s.byUrl('https://rsshub.example/cls'))?.id).toBe('cls');
      expect(await s.byUrl('https://example.com/cls.xml')).toBeUndefined();
    });

    feedSeenCases(() => s);
  });
}
