/**
 * A generated finews of any size, in the shape of the real pages (same head with the raw
 * og:description copy, meta description and JSON-LD, the same section layout), for bench:poll.
 */

import { categoryPath, FEED_PATH, postPath as sitePostPath } from '../src/site/paths.ts';

export interface GenPost {
  slug: string;
  tag: string;
  code: string;
  title: string;
  /** epoch ms */
  time: number;
  body: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const PROD = 'https://finews.withounder.com';
const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

function layout(title: string, ogDescription: string, section: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8">
    <meta property="og:title" content="${esc(title)}">
    <meta property="og:description" content="${ogDescription}">
    <meta name="theme-color" content="#1976D2">
<title>${esc(title)} | 金融消息</title>
${extraHead}
  </head>
  <body onload="JavaScript:AutoRefresh(60000);">
    <div class="wrapper">
      <header><h1><a href="${PROD}/">金融消息</a></h1><p></p></header>
      <section>
${section}
      </section>
      <footer><p>&copy; 2021</p></footer>
    </div>
  </body>
</html>
`;
}

export const postPath = (p: GenPost) => {
  const d = shanghai(p.time);
  return sitePostPath(p.slug, d.slice(0, 10), p.code);
};

export function postPage(p: GenPost): string {
  const plain = p.body.replace(/<[^>]+>/g, ' ');
  const iso = `${shanghai(p.time).replace(' ', 'T')}+08:00`;
  const head = `<meta name="description" content="${esc(plain)}" />
<meta property="article:published_time" content="${iso}" />
<script type="application/ld+json">${JSON.stringify({ '@type': 'BlogPosting', datePublished: iso, description: plain, headline: p.title })}</script>`;
  const section = `<small>(GMT+8, Asia/Shanghai, CST) ${shanghai(p.time)}</small>
<h1>${esc(p.title)}</h1>

${p.body}

<p><a href="//finews.withounder.com${categoryPath(p.slug)}">返回${p.tag}</a>｜<a href="//finews.withounder.com/">返回首页</a></p>

  <small>tags: <em>${p.tag}</em></small>`;
  return layout(p.title, p.body, section, head);
}

const li = (p: GenPost) => `      <li><a href="${encodeURI(postPath(p))}">${esc(p.title)}</a></li>`;

export function categoryPage(posts: readonly GenPost[]): string {
  return layout('某某新闻', '', `<h2 id=""></h2>\n<ul>\n${posts.map(li).join('\n')}\n</ul>`);
}

/** tags: newest-first posts per tag, in the order the home page lists tags */
export function homePage(tags: ReadonlyMap<string, readonly GenPost[]>): string {
  const blocks = [...tags].map(
    ([tag, posts]) =>
      `<h2 id="${tag}">${tag}</h2>\n<ul>\n${posts.slice(0, 5).map(li).join('\n')}\n  </ul>\n<hr />`,
  );
  return layout('首页', '{% for tag in site.tags %}', blocks.join('\n\n'));
}

export function feed(newest: readonly GenPost[]): string {
  const entries = newest.slice(0, 10).map((p) => {
    const url = `${PROD}${encodeURI(postPath(p))}`;
    const iso = `${shanghai(p.time).replace(' ', 'T')}+08:00`;
    return `<entry><title type="html">${esc(p.title)}</title><link href="${url}" rel="alternate" type="text/html" title="${esc(p.title)}" /><published>${iso}</published><updated>${iso}</updated><id>${url}</id><content type="html" xml:base="${url}"><![CDATA[${p.body}]]></content></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title type="html">金融消息</title>${entries.join('')}</feed>`;
}

const WORDS = [
  '央行',
  '降准',
  '释放',
  '长期资金',
  '约',
  '亿元',
  '市场',
  '上涨',
  '板块',
  '公司',
  '公告',
  '净利润',
  '同比',
  '增长',
  '保费',
  '基金',
  '债券',
  '收益率',
  '指数',
  '收盘',
];

export function body(seed: number, paragraphs: number): string {
  let x = seed;
  const rnd = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 14);
    const w = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join('');
    return `${w}${(rnd() * 100).toFixed(2)}%。`;
  };
  const ps = Array.from({ length: paragraphs }, () => `<p>${sentence()}${sentence()}${sentence()}</p>`);
  return `${ps.join('\n')}\n<p class="em_media">（文章来源：生成）</p>\n\n<p><a href="http://finance.eastmoney.com/news/1,${seed}.html">http://finance.eastmoney.com/news/1,${seed}.html</a></p>`;
}

/** Rebuilds the list pages from the post list (as Jekyll does on every build); post pages are added by the caller. */
export function buildLists(
  files: Map<string, string>,
  posts: readonly GenPost[],
  tagOrder: readonly string[],
  slugOfTag: ReadonlyMap<string, string>,
): void {
  const byTag = new Map<string, GenPost[]>(tagOrder.map((t) => [t, []]));
  const sorted = [...posts].sort((a, b) => b.time - a.time);
  for (const p of sorted) byTag.get(p.tag)!.push(p);
  for (const [tag, list] of byTag) files.set(categoryPath(slugOfTag.get(tag)!), categoryPage(list));
  files.set('/index.html', homePage(byTag));
  files.set(FEED_PATH, feed(sorted));
  files.set('/404.html', layout('404', '', '<h1>404</h1>'));
}
