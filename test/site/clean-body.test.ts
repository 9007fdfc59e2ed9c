import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanBody } from '../../src/site/clean-body.ts';

const SNAPSHOTS = fileURLToPath(new URL('../fixtures/finews/snapshots/', import.meta.url));
const SICHUAN = join(SNAPSHOTS, 's3-2022-03-15/sichuanribao/2022/03/15/NW202203152308494336.html');

function postPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return postPages(path);
    return /\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.test(path) ? [path] : [];
  });
}

/** What the site engineer hands over: the section between the `<h1>` and the tags `<small>`. */
function bodyOf(page: string): string {
  const section = /<section>([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
  const afterTitle = section.slice(section.indexOf('</h1>') + 5);
  return afterTitle.slice(0, afterTitle.lastIndexOf('<small>tags:'));
}

const pages = postPages(SNAPSHOTS);

describe('cleanBody on every snapshot post page', () => {
  it('finds the post pages', () => {
    expect(pages.length).toBeGreaterThan(80);
  });

  for (const path of pages) {
    it(`cleans ${relative(SNAPSHOTS, path)}`, () => {
      const page = readFileSync(path, 'utf8');
      const body = cleanBody(bodyOf(page));
      expect(body.paragraphs.length).toBeGreaterThan(0);
      for (const p of body.paragraphs) {
        expect(p).toBe(p.trim());
        expect(p).not.toMatch(/返回首页|文章来源|https?:\/\/|<\/?[a-z]+|\r|\u3000|display:none|EM_StockImg/);
        expect(p).not.toBe('');
      }
      expect(body.sourceLink ?? '').toMatch(/^$|^https?:\/\//);
      for (const src of body.images) expect(src).toMatch(/^https:\/\/dfscdn\./);
      // a whole section and a whole page give the same clean body
      expect(cleanBody(/<section>[\s\S]*<\/section>/.exec(page)![0])).toEqual(body);
      expect(cleanBody(page)).toEqual(body);
    });
  }
});

describe('cleanBody details', () => {
  it('四川日报: slogan kept as text, boilerplate to fields', () => {
    const body = cleanBody(bodyOf(readFileSync(SICHUAN, 'utf8')));
    expect(body.paragraphs[0]).toBe('百尺竿头，更进一步。');
    expect(body.paragraphs[2]).toBe('党建引领勇毅前行');
    expect(body.paragraphs.join('')).toContain('四川国寿实现总保费295亿元，较上年同比增长3.7%');
    expect(body.paragraphs.at(-1)).toMatch(/^“赶考”仍在继续，奋斗永不停歇。.*胜利召开。$/);
    expect(body.paragraphs).toHaveLength(23);
    expect(body.attribution).toBe('四川日报');
    expect(body.sourceLink).toBe(
      'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202203152308494336',
    );
    expect(body.digest).toBeNull();
    expect(body.images).toEqual([]);
  });

  it('emnews digest, stock spans inline, &lt;&gt; decoded, images collected, caption dropped', () => {
    const path = join(SNAPSHOTS, 's4-2022-05-31/emnews/2022/05/26/202205262391921712.html');
    const body = cleanBody(bodyOf(readFileSync(path, 'utf8')));
    expect(body.digest).toMatch(/^据霍尼韦尔官网消息，5月24日.*（上海证券报）$/);
    expect(body.paragraphs[0]).toBe('国内首款使用超低GWP(全球变暖潜值)制冷剂的新能源汽车来了！');
    expect(body.paragraphs.join('')).toContain('《<蒙特利尔议定书>基加利修正案》');
    expect(body.paragraphs.join('')).not.toContain('图片来源');
    expect(body.images).toHaveLength(3);
    expect(body.attribution).toBe('上海证券报');
  });

  it('keeps odd characters (――, 內) and drops relative and old-domain back links', () => {
    const html = [
      '<p>中国石化第1000座充换电站――广州金龙综合能源服务站投营。內银跌幅靠前。</p>',
      '<p><a href="http://finance.eastmoney.com/news/1350,1.html">http://finance.eastmoney.com/news/1350,1.html</a></p>',
      '<p><a href="../emnews/">返回东财滚动新闻</a>\n<a href="../">返回首页</a></p>',
      '<p><a href="//finews.zning.me/emnews/">返回东财滚动新闻</a>｜<a href="//finews.zning.me/">返回首页</a></p>',
    ].join('\n');
    const body = cleanBody(html);
    expect(body.paragraphs).toEqual(['中国石化第1000座充换电站――广州金龙综合能源服务站投营。內银跌幅靠前。']);
    expect(body.sourceLink).toBe('http://finance.eastmoney.com/news/1350,1.html');
  });

  it('normalizes full-width spaces, CR LF and <br>, hidden paragraphs dropped', () => {
    const html =
      '<p style="display: none">隐藏</p><p>\u3000\u3000第一行，\r\n继续。<br />第二行 A股\u00a0 B股。</p>\r\n<p class="em_media">（文章来源：<span>证券</span>时报）</p>';
    const body = cleanBody(html);
    expect(body.paragraphs).toEqual(['第一行，继续。', '第二行 A股 B股。']);
    expect(body.attribution).toBe('证券时报');
  });

  it('a digest only when the blockquote opens the body; bad input never throws', () => {
    expect(cleanBody('<p>正文。</p><blockquote><p>引文。</p></blockquote>').digest).toBeNull();
    expect(cleanBody('').paragraphs).toEqual([]);
    expect(cleanBody('<p>A<<<&&&</div></p>').paragraphs).toEqual(['A<<<&&&']);
    // an empty autolink `<>` (the broken post) and punctuation-only lines are not content
    expect(cleanBody('<p>正文。</p><p>&lt;&gt;</p><p>……</p>').paragraphs).toEqual(['正文。']);
    expect(cleanBody('纯文本，没有标签。').paragraphs).toEqual(['纯文本，没有标签。']);
  });
});
