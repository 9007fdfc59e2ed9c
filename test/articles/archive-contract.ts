import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive, Article, AsyncArticleStore, NewArticle } from '../../src/articles/types.ts';
import type { SearchQuery, SearchResult } from '../../src/search/types.ts';

export interface ArchiveUnderTest {
  store: AsyncArticleStore;
  archive: Archive;
  search: { search(query: SearchQuery): Promise<SearchResult> };
  close(): Promise<void>;
}

const T0 = Date.parse('2022-05-31T10:00:00+08:00');

export const article = (n: number, over: Partial<Article> = {}): Article => ({
  id: `emnews/2022/05/31/20220531000000000${n}`,
  url: `http://x/emnews/2022/05/31/20220531000000000${n}.html`,
  category: 'emnews',
  source: '东财滚动',
  title: `标题${n}`,
  publishedAt: T0 + n * 60_000,
  paragraphs: [`第${n}段。`, '第二段'],
  digest: null,
  attribution: null,
  sourceLink: null,
  images: [],
  storyKey: `20220531000000000${n}`,
  ...over,
});
const item = (a: Article, summary = ''): NewArticle => ({ article: a, summary });
const twin = (n: number, over: Partial<Article> = {}) =>
  article(n, {
    id: `cailianshe/2022/05/31/NW20220531000000000${n}`,
    category: 'cailianshe',
    storyKey: '202205310000000003',
    ...over,
  });

/**
 * The behaviour every archive keeps, whatever its store: SQLite (asyncify + createSqliteArchive)
 * and PostgreSQL run the same cases. `make` gives an empty archive each time.
 */
export function archiveContract(name: string, make: () => Promise<ArchiveUnderTest>): void {
  describe(`archive contract: ${name}`, () => {
    let u: ArchiveUnderTest;
    beforeEach(async () => {
      u = await make();
    });
    afterEach(async () => {
      await u.close();
    });
    const find = async (term: string) =>
      (await u.search.search({ terms: [term], offset: 0, limit: 20, now: T0 + 86_400_000 })).hits.map(
        (h) => h.seq,
      );

    it('inserts each new id once, in input order; a stored id comes back unchanged', async () => {
      expect(await u.archive.insertMany([], 1)).toEqual([]);
      const first = await u.archive.insertMany(
        [
          item(article(1, { images: ['http://img/1.jpg'] }), '摘要'),
          item(article(2)),
          item(article(1), 'again'),
        ],
        5,
      );
      expect(first.map((r) => [r.article.seq, r.inserted])).toEqual([
        [1, true],
        [2, true],
        [1, false],
      ]);
      expect(first[0]?.article).toMatchObject({
        seq: 1,
        summary: '摘要',
        fetchedAt: 5,
        images: ['http://img/1.jpg'],
      });
      const again = await u.archive.insertMany(
        [item(article(1, { title: 'changed' }), 'x'), item(article(3))],
        6,
      );
      expect(again.map((r) => [r.article.seq, r.inserted, r.article.title])).toEqual([
        [1, false, '标题1'],
        [3, true, '标题3'],
      ]);
      expect(await u.store.has(article(1).id)).toBe(true);
      expect(await u.store.has('nope')).toBe(false);
      expect(await u.store.get(article(2).id)).toEqual(first[1]?.article);
      expect((await u.store.getBySeq(1))?.paragraphs).toEqual(['第1段。', '第二段']);
      expect(await u.store.getBySeq(99)).toBeUndefined();
      expect(await u.store.get('nope')).toBeUndefined();
      expect(await u.store.count()).toBe(3);
      expect(await u.store.maxSeq()).toBe(3);
    });

    it('reads back every field: urgent, tags, shown time, nulls', async () => {
      const full = article(2, {
        urgent: true,
        tags: ['宏观', 'A股'],
        shownAt: T0 + 8 * 3_600_000,
        digest: '要点',
        attribution: '四川日报',
        sourceLink: 'http://src/1',
      });
      const [plain, rich] = await u.archive.insertMany([item(article(1), 's1'), item(full, 's2')], 7);
      expect(plain?.article).toEqual({
        ...article(1),
        seq: 1,
        summary: 's1',
        fetchedAt: 7,
        shownAt: article(1).publishedAt,
        urgent: false,
        tags: [],
      });
      expect(rich?.article).toEqual({ ...full, seq: 2, summary: 's2', fetchedAt: 7 });
      expect(await u.store.getBySeq(2)).toEqual(rich?.article);
      expect(await u.store.timeOf(full.id)).toEqual({
        publishedAt: full.publishedAt,
        shownAt: T0 + 8 * 3_600_000,
      });
      expect(await u.store.timeOf(article(1).id)).toEqual({
        publishedAt: article(1).publishedAt,
        shownAt: article(1).publishedAt,
      });
      expect(await u.store.timeOf('nope')).toBeUndefined();
    });

    it('indexes the new articles for search, and only once', async () => {
      expect(await find('独角兽')).toEqual([]);
      await u.archive.insertMany([item(article(1, { title: '独角兽上市' })), item(article(2))], 1);
      await u.archive.insertMany(
        [item(article(1, { title: '独角兽上市' })), item(article(3, { paragraphs: ['又一家独角兽'] }))],
        2,
      );
      // ranking is the index's business: here only which articles it finds
      expect((await find('独角兽')).sort()).toEqual([1, 3]);
      const r = await u.search.search({ terms: ['独角兽'], offset: 0, limit: 20, now: T0 });
      expect(r.total).toBe(2);
    });

    it('latest is newest first by publish time, filtered by category and seq', async () => {
      // inserted out of publish order: latest follows publish time, after follows seq
      await u.archive.insertMany([item(article(3)), item(article(1)), item(article(2)), item(twin(4))], 0);
      expect((await u.store.latest({ limit: 2 })).map((a) => a.title)).toEqual(['标题4', '标题3']);
      expect((await u.store.latest({ limit: 9 })).map((a) => a.seq)).toEqual([4, 1, 3, 2]);
      expect((await u.store.latest({ limit: 9, categories: ['cailianshe'] })).map((a) => a.seq)).toEqual([4]);
      expect(await u.store.latest({ limit: 9, categories: [] })).toEqual([]);
      expect(
        (await u.store.latest({ limit: 9, categories: ['emnews'], afterSeq: 1 })).map((a) => a.seq),
      ).toEqual([3, 2]);
      expect((await u.store.latest({ limit: 9, afterSeq: 3 })).map((a) => a.seq)).toEqual([4]);
    });

    it('latest breaks publish-time ties by newest seq', async () => {
      const at = T0 + 5 * 60_000;
      await u.archive.insertMany(
        [item(article(1, { publishedAt: at })), item(article(2, { publishedAt: at }))],
        0,
      );
      expect((await u.store.latest({ limit: 9 })).map((a) => a.seq)).toEqual([2, 1]);
    });

    it('after reads forward by seq; byStory lists twins in seq order', async () => {
      await u.archive.insertMany(
        [
          item(article(1)),
          item(article(2)),
          item(article(3, { storyKey: '202205310000000003' })),
          item(twin(4)),
        ],
        0,
      );
      expect((await u.store.after(2, null, 10)).map((a) => a.seq)).toEqual([3, 4]);
      expect((await u.store.after(0, ['emnews'], 2)).map((a) => a.seq)).toEqual([1, 2]);
      expect((await u.store.after(0, ['cailianshe', 'emnews'], 10)).map((a) => a.seq)).toEqual([1, 2, 3, 4]);
      expect(await u.store.after(0, [], 10)).toEqual([]);
      expect(await u.store.after(4, null, 10)).toEqual([]);
      expect((await u.store.byStory('202205310000000003')).map((a) => a.category)).toEqual([
        'emnews',
        'cailianshe',
      ]);
      expect(await u.store.byStory('none')).toEqual([]);
    });

    it('prune deletes by publish time and returns the seqs, oldest first', async () => {
      await u.archive.insertMany([item(article(2)), item(article(1)), item(article(3))], 0);
      expect(await u.store.prune(article(3).publishedAt)).toEqual([1, 2]);
      expect(await u.store.count()).toBe(1);
      expect(await u.store.maxSeq()).toBe(3);
      expect(await u.store.prune(0)).toEqual([]);
      expect(await u.store.get(article(1).id)).toBeUndefined();
      expect(await u.store.has(article(2).id)).toBe(false);
    });

    it('an empty archive counts zero', async () => {
      expect(await u.store.count()).toBe(0);
      expect(await u.store.maxSeq()).toBe(0);
      expect(await u.store.latest({ limit: 5 })).toEqual([]);
      expect(await u.store.prune(Number.MAX_SAFE_INTEGER)).toEqual([]);
    });
  });
}
