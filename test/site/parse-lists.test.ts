import { describe, expect, it } from 'vitest';
import { parseCategory, parseFeed, parseHome } from '../../src/site/parse-lists.ts';
import {
  categoryPath,
  encodePath,
  hrefToPath,
  parsePostPath,
  postPath,
  postPathFromId,
} from '../../src/site/paths.ts';
import { readSnapshotFile } from '../support/snapshot-files.ts';

describe('home page', () => {
  it('one entry per tag heading, source without the trailing 新闻, post links only', () => {
    const tags = parseHome(readSnapshotFile('s3-2022-03-15', '/index.html'));
    expect(tags.map((t) => t.tag)).toEqual([
      '东财滚动新闻',
      '券商中国新闻',
      '每日经济新闻新闻',
      '四川日报新闻',
    ]);
    expect(tags.map((t) => t.source)).toEqual(['东财滚动', '券商中国', '每日经济新闻', '四川日报']);
    expect(tags[3]!.posts.map((p) => p.id)).toEqual(['sichuanribao/2022/03/15/NW202203152308494336']);
    expect(tags[0]!.posts.map((p) => p.category)).toEqual(['emnews', 'emnews']);
  });
  it('lists at most the five newest per tag', () => {
    const tags = parseHome(readSnapshotFile('s2-2021-12-08-1600', '/index.html'));
    const emnews = tags.find((t) => t.tag === '东财滚动新闻')!;
    expect(emnews.posts).toHaveLength(5);
  });
});

describe('category page', () => {
  it('every post link, whatever the page title says', () => {
    expect(parseCategory(readSnapshotFile('s2-2021-12-08-1600', '/category/emnews.html'))).toHaveLength(52);
    const sichuan = parseCategory(readSnapshotFile('s3-2022-03-15', '/category/sichuanribao.html'));
    expect(sichuan.map((p) => p.id)).toEqual(['sichuanribao/2022/03/15/NW202203152308494336']);
    expect(parseCategory(readSnapshotFile('s4-2022-05-31', '/category/sichuanribao.html'))).toEqual([]);
  });
});

describe('feed.xml', () => {
  it('the ten newest, production-host links mapped to site paths', () => {
    const entries = parseFeed(readSnapshotFile('s2-2021-12-08-1600', '/feed.xml'));
    expect(entries).toHaveLength(10);
    expect(entries[0]!.post.path).toBe('/emnews/2021/12/08/202112082206935918.html');
    expect(entries[0]!.published).toBe('2021-12-08T20:47:49+08:00');
  });
  it('garbage is no entries, not a crash', () => {
    expect(parseFeed('<<<not xml')).toEqual([]);
    expect(parseHome('\u0000garbage')).toEqual([]);
  });
});

describe('paths', () => {
  it('decodes hrefs and encodes every segment on the wire', () => {
    expect(hrefToPath('/21shijijingjibaodao%2021caijingAPP/2022/01/01/NW1.html')).toBe(
      '/21shijijingjibaodao 21caijingAPP/2022/01/01/NW1.html',
    );
    expect(hrefToPath('https://finews.withounder.com/emnews/2021/12/08/1.html')).toBe(
      '/emnews/2021/12/08/1.html',
    );
    expect(hrefToPath('javascript:alert(1)')).toBeNull();
    expect(encodePath('/category/anxinguojizhengquan(xianggang).html')).toBe(
      '/category/anxinguojizhengquan(xianggang).html',
    );
    expect(encodePath('/category/a b?x=1#y.html')).toBe('/category/a%20b%3Fx%3D1%23y.html');
    expect(encodePath('/category/../../etc.html')).toBe('/category/../../etc.html');
  });
  it('recognises post paths only', () => {
    expect(parsePostPath('/emnews/2021/12/08/202112082206672930.html')).toMatchObject({
      id: 'emnews/2021/12/08/202112082206672930',
      category: 'emnews',
      code: '202112082206672930',
    });
    expect(parsePostPath('/category/emnews.html')).toBeNull();
    expect(parsePostPath('/emnews/')).toBeNull();
  });
  it('builds the paths it recognises, and nothing else recognises a category page as a post', () => {
    const built = postPath('21shijijingjibaodao 21caijingAPP', '2022-01-07', 'NW202201072239307540');
    expect(built).toBe('/21shijijingjibaodao 21caijingAPP/2022/01/07/NW202201072239307540.html');
    const parsed = parsePostPath(built);
    expect(parsed).toMatchObject({
      category: '21shijijingjibaodao 21caijingAPP',
      code: 'NW202201072239307540',
    });
    expect(postPathFromId(parsed!.id)).toBe(built);
    expect(parsePostPath(categoryPath('emnews'))).toBeNull();
    expect(categoryPath('anxin(xianggang)')).toBe('/category/anxin(xianggang).html');
  });
});
