import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

let t: TestDeps;
afterEach(() => t?.close());

const article = (n: number, over: Partial<Article> = {}): Article => ({
  id: `emnews/2022/05/31/20220531000000000${n}`,
  url: `http://x/emnews/2022/05/31/20220531000000000${n}.html`,
  category: 'emnews',
  source: '东财滚动',
  title: `标题${n}`,
  publishedAt: Date.parse('2022-05-31T10:00:00+08:00') + n * 60_000,
  paragraphs: [`第${n}段。`, '第二段'],
  digest: null,
  attribution: null,
  sourceLink: null,
  images: [],
  storyKey: `20220531000000000${n}`,
  ...over,
});

describe('article store', () => {
  it('inserts once, keeps JSON columns, reads back by id and seq', () => {
    t = buildTestDeps();
    const s = t.sqlite.articles;
    const first = s.insert(article(1, { images: ['http://img/1.jpg'] }), '摘要', 5);
    expect(first.inserted).toBe(true);
    expect(first.article).toMatchObject({
      seq: 1,
      summary: '摘要',
      fetchedAt: 5,
      images: ['http://img/1.jpg'],
    });
    expect(s.insert(article(1, { title: 'changed' }), 'x', 6)).toMatchObject({
      inserted: false,
      article: { title: '标题1' },
    });
    expect(s.has(article(1).id)).toBe(true);
    expect(s.getBySeq(1)?.paragraphs).toEqual(['第1段。', '第二段']);
    expect(s.count()).toBe(1);
    expect(s.maxSeq()).toBe(1);
  });

  it('keeps the urgent flag and tags of feed items; finews posts read back as neither', () => {
    t = buildTestDeps();
    const s = t.sqlite.articles;
    s.insert(article(1), 'a', 1);
    s.insert(article(2, { urgent: true, tags: ['宏观', 'A股'] }), 'b', 2);
    expect(s.getBySeq(1)).toMatchObject({ urgent: false, tags: [] });
    expect(s.getBySeq(2)).toMatchObject({ urgent: true, tags: ['宏观', 'A股'] });
  });

  it('latest is newest first; after reads forward by seq; twins share a story', () => {
    t = buildTestDeps();
    const s = t.sqlite.articles;
    for (const n of [1, 2, 3]) s.insert(article(n), '', 0);
    s.insert(
      article(4, {
        id: 'cailianshe/2022/05/31/NW202205310000000003',
        category: 'cailianshe',
        storyKey: '202205310000000003',
      }),
      '',
      0,
    );
    expect(s.latest({ limit: 2 }).map((a) => a.title)).toEqual(['标题4', '标题3']);
    expect(s.latest({ limit: 9, categories: ['cailianshe'] })).toHaveLength(1);
    expect(s.latest({ limit: 9, categories: [] })).toEqual([]);
    expect(s.after(2, null, 10).map((a) => a.seq)).toEqual([3, 4]);
    expect(s.after(0, ['emnews'], 2).map((a) => a.seq)).toEqual([1, 2]);
    expect(s.byStory('202205310000000003').map((a) => a.category)).toEqual(['emnews', 'cailianshe']);
  });

  it('prune deletes by publish time and returns the seqs', () => {
    t = buildTestDeps();
    const s = t.sqlite.articles;
    for (const n of [1, 2, 3]) s.insert(article(n), '', 0);
    expect(s.prune(article(3).publishedAt)).toEqual([1, 2]);
    expect(s.count()).toBe(1);
    expect(s.prune(0)).toEqual([]);
  });
});

describe('category registry', () => {
  it('learns names without losing them, counts posts, remembers verification', () => {
    t = buildTestDeps();
    const r = t.deps.registry;
    r.observe({ slug: 'sichuanribao', seenAt: 10 });
    r.observe({ slug: 'sichuanribao', source: '四川日报', tag: '四川日报新闻', seenAt: 20, newPosts: 2 });
    r.observe({ slug: 'sichuanribao', seenAt: 30, newPosts: 1, verified: true });
    r.observe({ slug: 'sichuanribao', seenAt: 5, verified: false });
    expect(r.get('sichuanribao')).toEqual({
      slug: 'sichuanribao',
      source: '四川日报',
      tag: '四川日报新闻',
      firstSeen: 5,
      lastSeen: 30,
      posts: 3,
      verified: true,
    });
    expect(r.get('nope')).toBeUndefined();
  });

  it('popular ranks by archived posts since a time', () => {
    t = buildTestDeps();
    t.deps.registry.observe({ slug: 'emnews', seenAt: 1 });
    t.deps.registry.observe({ slug: 'cailianshe', seenAt: 1 });
    for (const n of [1, 2]) t.sqlite.articles.insert(article(n), '', 0);
    expect(t.deps.registry.popular(0, 5).map((c) => c.slug)).toEqual(['emnews', 'cailianshe']);
    expect(t.deps.registry.all()).toHaveLength(2);
  });
});
