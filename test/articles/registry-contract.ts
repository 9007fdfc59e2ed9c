import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive, CategoryRegistry } from '../../src/articles/types.ts';
import { article } from './archive-contract.ts';

export interface RegistryUnderTest {
  registry: CategoryRegistry;
  /** to store articles that popular() counts */
  archive: Archive;
  /** after writes, before reads that depend on the store: PostgreSQL flushes and refreshes */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * The behaviour every category registry keeps: the SQLite one and the in-memory one backed
 * by PostgreSQL run the same cases. `make` gives an empty registry (and archive) each time.
 */
export function registryContract(name: string, make: () => Promise<RegistryUnderTest>): void {
  describe(`category registry contract: ${name}`, () => {
    let u: RegistryUnderTest;
    let r: CategoryRegistry;
    beforeEach(async () => {
      u = await make();
      r = u.registry;
    });
    afterEach(async () => {
      await u.close();
    });

    it('learns names without losing them, counts posts, remembers verification', async () => {
      r.observe({ slug: 'sichuanribao', seenAt: 10 });
      // at once, before any write has landed
      expect(r.get('sichuanribao')).toMatchObject({ source: '', firstSeen: 10, posts: 0, verified: false });
      r.observe({ slug: 'sichuanribao', source: '四川日报', tag: '四川日报新闻', seenAt: 20, newPosts: 2 });
      r.observe({ slug: 'sichuanribao', seenAt: 30, newPosts: 1, verified: true });
      r.observe({ slug: 'sichuanribao', source: '', seenAt: 5, verified: false });
      const want = {
        slug: 'sichuanribao',
        source: '四川日报',
        tag: '四川日报新闻',
        firstSeen: 5,
        lastSeen: 30,
        posts: 3,
        verified: true,
      };
      expect(r.get('sichuanribao')).toEqual(want);
      await u.settle();
      expect(r.get('sichuanribao')).toEqual(want);
      expect(r.get('nope')).toBeUndefined();
    });

    it('a later non-empty name replaces the earlier one', async () => {
      r.observe({ slug: 'x', source: '甲', tag: '甲新闻', seenAt: 1 });
      await u.settle();
      r.observe({ slug: 'x', source: '乙', seenAt: 2 });
      expect(r.get('x')).toMatchObject({ source: '乙', tag: '甲新闻' });
      await u.settle();
      expect(r.get('x')).toMatchObject({ source: '乙', tag: '甲新闻' });
    });

    it('all lists every category by slug; a caller editing a row changes nothing', async () => {
      for (const slug of ['zeta', 'alpha', 'Mid', 'beta']) r.observe({ slug, seenAt: 1 });
      await u.settle();
      expect(r.all().map((c) => c.slug)).toEqual(['Mid', 'alpha', 'beta', 'zeta']);
      const got = r.get('alpha');
      if (got) got.posts = 99;
      expect(r.get('alpha')?.posts).toBe(0);
    });

    it('popular ranks by archived posts since a time, then by last seen, then slug', async () => {
      r.observe({ slug: 'emnews', seenAt: 1 });
      r.observe({ slug: 'cailianshe', seenAt: 3 });
      r.observe({ slug: 'quiet', seenAt: 2 });
      r.observe({ slug: 'also-quiet', seenAt: 2 });
      const t = article(0).publishedAt - (article(0).publishedAt % HOUR);
      // emnews: two posts in the first hour; cailianshe: one post two hours later
      await u.archive.insertMany(
        [
          { article: article(1, { publishedAt: t + 60_000 }), summary: '' },
          { article: article(2, { publishedAt: t + 120_000 }), summary: '' },
          {
            article: article(3, { id: 'cailianshe/3', category: 'cailianshe', publishedAt: t + 2 * HOUR }),
            summary: '',
          },
        ],
        0,
      );
      await u.settle();
      expect(r.popular(0, 5).map((c) => c.slug)).toEqual(['emnews', 'cailianshe', 'also-quiet', 'quiet']);
      expect(r.popular(t + HOUR, 5).map((c) => c.slug)).toEqual([
        'cailianshe',
        'also-quiet',
        'quiet',
        'emnews',
      ]);
      expect(r.popular(0, 2).map((c) => c.slug)).toEqual(['emnews', 'cailianshe']);
      expect(r.popular(t + 3 * HOUR, 1).map((c) => c.slug)).toEqual(['cailianshe']);
    });
  });
}
