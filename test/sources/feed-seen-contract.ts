import { expect, it } from 'vitest';
import type { FeedStore } from '../../src/sources/store/types.ts';
import type { Async } from '../../src/storage/async.ts';

const T = 1_765_000_000_000;
const feed = (id: string) => ({
  id,
  slug: `feed-${id}`,
  kind: 'feed' as const,
  url: `https://example.com/${id}.xml`,
});
const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** The seen-key cases of the feed store contract; `store()` is the case's empty store. */
export function feedSeenCases(store: () => Async<FeedStore>): void {
  it('tells the unseen keys apart, per feed, once each and in the order given', async () => {
    const s = store();
    await s.add(feed('a'), T);
    await s.add(feed('b'), T);
    expect(await s.unseen('a', [])).toEqual([]);
    expect(await s.unseen('a', ['x', 'y', 'x'])).toEqual(['x', 'y']);
    await s.see('a', ['x', 'x', '标题#1'], T);
    await s.see('a', [], T);
    expect(await s.unseen('a', ['z', 'x', '标题#1', 'y'])).toEqual(['z', 'y']);
    expect(await s.unseen('b', ['x'])).toEqual(['x']);
    // more keys than one SQLite statement may carry
    const many = keys(1500);
    await s.see('b', many.slice(0, 1200), T);
    expect(await s.unseen('b', many)).toEqual(many.slice(1200));
  });

  it('forgets keys not seen since the cutoff; seeing again or a 304 keeps them', async () => {
    const s = store();
    await s.add(feed('a'), T);
    await s.add(feed('b'), T);
    await s.see('a', ['old', 'kept', 'touched'], T);
    await s.see('b', ['old'], T);
    await s.see('a', ['kept'], T + 100);
    // an older sighting never moves last_seen back
    await s.see('a', ['kept'], T + 50);
    expect(await s.forget('a', T + 100)).toBe(2);
    expect(await s.unseen('a', ['old', 'kept', 'touched'])).toEqual(['old', 'touched']);
    expect(await s.forget('a', T + 100)).toBe(0);
    await s.see('a', ['p', 'q'], T);
    await s.touchAll('a', T + 200);
    expect(await s.forget('a', T + 200)).toBe(0);
    expect(await s.forget('a', T + 201)).toBe(3);
    expect(await s.unseen('b', ['old'])).toEqual([]);
  });

  it('refuses seen keys for a feed it does not have', async () => {
    const s = store();
    await expect(s.see('nope', ['x'], T)).rejects.toThrow();
    expect(await s.forget('nope', T)).toBe(0);
  });
}
