import { describe, expect, it } from 'vitest';
import type { CategoryInfo, CategoryRegistry } from '../../src/articles/types.ts';
import { editDistance } from '../../src/chats/edit-distance.ts';
import { resolveCategory, searchCategories } from '../../src/chats/resolve.ts';
import type { SiteClient } from '../../src/site/types.ts';

/** A registry holding what the poller would have learned; the real one lives in src/articles. */
function memoryRegistry(rows: Array<Partial<CategoryInfo> & { slug: string }>): CategoryRegistry {
  const map = new Map<string, CategoryInfo>();
  const put = (r: Partial<CategoryInfo> & { slug: string }) =>
    map.set(r.slug, {
      source: '',
      tag: '',
      firstSeen: 0,
      lastSeen: 0,
      posts: 0,
      verified: false,
      ...map.get(r.slug),
      ...r,
    });
  rows.forEach(put);
  return {
    observe: (i) => put({ slug: i.slug, lastSeen: i.seenAt, ...(i.verified ? { verified: true } : {}) }),
    get: (s) => map.get(s),
    all: () => [...map.values()],
    popular: (_since, limit) => [...map.values()].sort((a, b) => b.posts - a.posts).slice(0, limit),
  };
}

const registry = () =>
  memoryRegistry([
    { slug: 'sichuanribao', source: '四川日报', tag: '四川日报新闻', posts: 5 },
    { slug: 'sichuanzaixian', source: '四川在线', tag: '四川在线新闻', posts: 2 },
    { slug: 'emnews', source: '东财滚动', tag: '东财滚动新闻', posts: 50 },
    { slug: '21shijijingjibaodao 21caijingAPP', source: '21世纪经济报道 21财经APP', posts: 1 },
    { slug: 'meirijingjixinwen', source: '每日经济新闻', tag: '每日经济新闻新闻', posts: 3 },
  ]);

function site(existing: string[]): SiteClient & { paths: string[] } {
  const paths: string[] = [];
  return {
    origin: 'http://site.test',
    paths,
    async get(path) {
      paths.push(path);
      const ok = existing.includes(path);
      return { status: ok ? 200 : 404, notModified: false, body: '', url: path, bytes: 0 };
    },
    stats: () => ({ requests: paths.length, bytes: 0, notModified: 0, errors: 0 }),
  };
}

describe('category search', () => {
  const reg = registry();
  const top = (q: string) => searchCategories(reg, q, 5).map((m) => m.info.slug);

  it.each([
    ['sichuanribao', 'sichuanribao'],
    ['SichuanRibao', 'sichuanribao'],
    ['四川日报', 'sichuanribao'],
    ['四川日报新闻', 'sichuanribao'],
    ['scrb', 'sichuanribao'],
    ['sichuanribo', 'sichuanribao'],
    ['#emnews', 'emnews'],
    ['每日经济新闻', 'meirijingjixinwen'],
    ['每日经济新闻新闻', 'meirijingjixinwen'],
  ])('%s → %s first', (q, slug) => {
    expect(top(q)[0]).toBe(slug);
  });

  it('substrings and prefixes list every candidate, busiest first', () => {
    expect(top('四川')).toEqual(['sichuanribao', 'sichuanzaixian']);
    expect(top('sichuan')).toEqual(['sichuanribao', 'sichuanzaixian']);
  });

  it('nothing for empty or absurd queries, and long ones are capped', () => {
    expect(top('')).toEqual([]);
    expect(top('   ')).toEqual([]);
    expect(top('x'.repeat(10_000))).toEqual([]);
    expect(top('<b>&amp;</b>')).toEqual([]);
  });

  it('edit distance gives up early', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
    expect(editDistance('四川日报', '四川曰报')).toBe(1);
  });
});

describe('resolveCategory', () => {
  it('takes exact slugs, names, tags and pinyin without asking the site', async () => {
    const s = site([]);
    const deps = { registry: registry(), site: s, now: () => 1 };
    for (const q of ['sichuanribao', '四川日报', '四川日报新闻', 'SICHUANRIBAO']) {
      expect(await resolveCategory(deps, q)).toEqual({ slug: 'sichuanribao', suggestions: [] });
    }
    expect(s.paths).toEqual([]);
  });

  it('suggests for initials, substrings and typos', async () => {
    const deps = { registry: registry(), site: site([]), now: () => 1 };
    const r = await resolveCategory(deps, 'sichuanribo');
    expect(r.slug).toBeNull();
    expect(r.suggestions.map((c) => c.slug)).toContain('sichuanribao');
    expect((await resolveCategory(deps, '四川')).suggestions.map((c) => c.slug)).toEqual([
      'sichuanribao',
      'sichuanzaixian',
    ]);
    expect(deps.site.paths).toEqual(['/category/sichuanribo.html']);
  });

  it('accepts an unseen slug only when its category page exists, and remembers it', async () => {
    const s = site(['/category/36kr.html']);
    const reg = registry();
    const deps = { registry: reg, site: s, now: () => 77 };
    expect(await resolveCategory(deps, '36kr')).toEqual({ slug: '36kr', suggestions: [] });
    expect(reg.get('36kr')).toMatchObject({ verified: true, lastSeen: 77 });
    expect((await resolveCategory(deps, 'nosuchslug')).slug).toBeNull();
    // not slug-shaped: never sent to the site
    await resolveCategory(deps, '../../etc/passwd');
    await resolveCategory(deps, '不存在的来源');
    expect(s.paths).toEqual(['/category/36kr.html', '/category/nosuchslug.html']);
  });
});
