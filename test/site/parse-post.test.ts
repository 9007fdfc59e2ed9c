import { describe, expect, it } from 'vitest';
import { parsePost } from '../../src/site/parse-post.ts';
import { SNAPSHOTS } from '../support/site-server.ts';
import {
  frontMatterByCode,
  frontMatterTime,
  readSnapshotFile,
  snapshotPostPaths,
} from '../support/snapshot-files.ts';

const SITE = 'http://127.0.0.1:8080';
const fm = frontMatterByCode();
const BOILERPLATE = /返回首页|返回.{0,20}新闻|文章来源|https?:\/\/|finews\.|^\s*$/;

describe('every post page of the four snapshots', () => {
  for (const snapshot of SNAPSHOTS) {
    for (const path of snapshotPostPaths(snapshot)) {
      it(`${snapshot}${path}`, () => {
        const r = parsePost(readSnapshotFile(snapshot, path), { path, siteUrl: SITE });
        if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
        const a = r.article;
        const code = path.split('/').pop()!.replace('.html', '');
        const front = fm.get(code);
        expect(front, `front matter for ${code}`).toBeDefined();
        expect(a.id).toBe(path.slice(1, -5));
        expect(a.url).toBe(`${SITE}${path}`);
        expect(a.category).toBe(front!.categories);
        expect(a.title).toBe(front!.title.replace(/\s+/g, ' ').trim());
        expect(a.source).toBe(front!.tags.replace(/新闻$/, ''));
        expect(a.storyKey).toBe(/\d{10,}/.exec(code)?.[0] ?? `${a.category}/${code}`);
        if (code === 'init') {
          // the site's hand-written first post: zone-less and with no back links, so nothing on the
          // page reveals the 8-hour shift; the parser keeps what the page shows (see post-time.ts)
          expect(a.publishedAt).toBe(frontMatterTime(front!.date) + 8 * 3_600_000);
        } else {
          expect(new Date(a.publishedAt).toISOString()).toBe(
            new Date(frontMatterTime(front!.date)).toISOString(),
          );
        }
        expect(a.paragraphs.length).toBeGreaterThan(0);
        for (const p of a.paragraphs) expect(p).not.toMatch(BOILERPLATE);
        for (const p of a.paragraphs) expect(p).not.toMatch(/<[a-z/][^>]*>/i);
      });
    }
  }
});

describe('the 四川日报 seed article', () => {
  const path = '/sichuanribao/2022/03/15/NW202203152308494336.html';
  const r = parsePost(readSnapshotFile('s3-2022-03-15', path), {
    path,
    siteUrl: 'https://finews.withounder.com',
  });
  if (!r.ok) throw new Error(r.message);
  const a = r.article;

  it('has its identity, title and zoned time', () => {
    expect(a.id).toBe('sichuanribao/2022/03/15/NW202203152308494336');
    expect(a.url).toBe('https://finews.withounder.com/sichuanribao/2022/03/15/NW202203152308494336.html');
    expect(a.category).toBe('sichuanribao');
    expect(a.source).toBe('四川日报');
    expect(r.tag).toBe('四川日报新闻');
    expect(a.title).toBe('中国人寿四川省分公司：牢记“国之大者” 奋力谱写高质量发展新篇章');
    expect(a.publishedAt).toBe(Date.parse('2022-03-15T05:35:18+08:00'));
    expect(a.storyKey).toBe('202203152308494336');
  });

  it('has a clean body with attribution and source link apart', () => {
    expect(a.paragraphs[0]).toBe('百尺竿头，更进一步。');
    expect(a.paragraphs.join('')).toContain('总保费295亿元');
    expect(a.paragraphs.some((p) => p.includes('返回'))).toBe(false);
    expect(a.paragraphs.some((p) => p.includes('文章来源'))).toBe(false);
    expect(a.attribution).toBe('四川日报');
    expect(a.sourceLink).toBe(
      'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202203152308494336',
    );
    expect(a.digest).toBeNull();
    expect(a.images).toEqual([]);
  });
});

describe('failures are typed', () => {
  const path = '/emnews/2022/05/26/202205262391921712.html';
  const page = readSnapshotFile('s4-2022-05-31', path);
  it('no title', () => {
    const r = parsePost(page.replace(/<h1>[^<]*<\/h1>/, '<h1></h1>'), { path, siteUrl: SITE });
    expect(r).toMatchObject({ ok: false, reason: 'no-title' });
  });
  it('no date', () => {
    const r = parsePost(page.replace(/<small>\(GMT[^<]*<\/small>/, ''), { path, siteUrl: SITE });
    expect(r).toMatchObject({ ok: false, reason: 'no-date' });
  });
  it('garbage and truncated pages', () => {
    expect(parsePost('\u0000\uFFFD<<<>>', { path, siteUrl: SITE }).ok).toBe(false);
    expect(parsePost(page.slice(0, page.indexOf('<section>') + 40), { path, siteUrl: SITE }).ok).toBe(false);
  });
  it('a path that is not a post', () => {
    expect(parsePost(page, { path: '/category/emnews.html', siteUrl: SITE })).toMatchObject({
      reason: 'not-a-post-path',
    });
  });
  it('the editor digest of an emnews post, and its images', () => {
    const r = parsePost(page, { path, siteUrl: SITE });
    if (!r.ok) throw new Error(r.message);
    expect(r.article.digest).toMatch(/^据霍尼韦尔官网消息/);
    expect(r.article.images.length).toBeGreaterThan(0);
    expect(r.article.paragraphs.join('')).not.toContain(
      '据霍尼韦尔官网消息，5月24日，霍尼韦尔宣布为蔚来旗下ET7新能源汽车提供HFO-1234yf(四氟丙烯)制冷剂。据悉，这也标志着蔚来成为国内首家使用HFO-1234yf制冷剂的汽车企业。（上海证券报）',
    );
  });
});
