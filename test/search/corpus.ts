import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { storyKeyOf } from '../../src/articles/story-key.ts';
import type { StoredArticle } from '../../src/articles/types.ts';
import { cleanBody } from '../../src/site/clean-body.ts';

const SNAPSHOTS = new URL('../fixtures/finews/snapshots/', import.meta.url).pathname;
const HOUR = 3_600_000;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** every distinct post page of the four snapshots, parsed just enough for a search corpus */
export function snapshotArticles(): Omit<StoredArticle, 'seq'>[] {
  const seen = new Map<string, Omit<StoredArticle, 'seq'>>();
  for (const snap of readdirSync(SNAPSHOTS)) {
    for (const file of walk(join(SNAPSHOTS, snap))) {
      const m = /\/([^/]+)\/(\d{4})\/(\d\d)\/(\d\d)\/([^/]+)\.html$/.exec(file);
      if (!m || m[1] === 'category') continue;
      const id = `${m[1]}/${m[2]}/${m[3]}/${m[4]}/${m[5]}`;
      if (seen.has(id)) continue;
      const page = readFileSync(file, 'utf8');
      const title = /<h1>([\s\S]*?)<\/h1>/.exec(page)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
      const date = /<small>\(GMT\+8[^)]*\) ([\d-]+ [\d:]+)<\/small>/.exec(page)?.[1];
      if (!title || !date) continue;
      const body = cleanBody(page.slice(page.indexOf('</h1>') + 5));
      seen.set(id, {
        id,
        url: `http://localhost/${id}.html`,
        category: m[1] ?? '',
        source: m[1] ?? '',
        title: decode(title),
        publishedAt: Date.parse(`${date.replace(' ', 'T')}+08:00`),
        paragraphs: body.paragraphs,
        digest: body.digest,
        attribution: body.attribution,
        sourceLink: body.sourceLink,
        images: body.images,
        storyKey: storyKeyOf(m[5] ?? '', m[1] ?? ''),
        summary: '',
        fetchedAt: 0,
      });
    }
  }
  return [...seen.values()];
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

let counter = 0;
/** a generated article with known content */
export function made(
  title: string,
  paragraphs: string[],
  opts: { at: number; category?: string; storyKey?: string; digest?: string },
): Omit<StoredArticle, 'seq'> {
  counter++;
  const category = opts.category ?? 'testnews';
  return {
    id: `${category}/gen/${counter}`,
    url: `http://localhost/${category}/gen/${counter}.html`,
    category,
    source: category,
    title,
    publishedAt: opts.at,
    paragraphs,
    digest: opts.digest ?? null,
    attribution: null,
    sourceLink: null,
    images: [],
    storyKey: opts.storyKey ?? `gen-${counter}`,
    summary: '',
    fetchedAt: opts.at,
  };
}

/** generated articles covering the tricky cases of the recall fixture */
export function generatedArticles(now: number): Omit<StoredArticle, 'seq'>[] {
  const t = (hoursAgo: number) => now - hoursAgo * HOUR;
  return [
    made('国债期货全线收涨', ['国债期货主力合约上涨0.12%，十年期国债收益率下行。'], { at: t(50) }),
    made('央行：降准将释放长期资金约5300亿元', ['此次降准将释放长期资金，支持实体经济。'], { at: t(40) }),
    made('中國人壽公布業績', ['中國人壽去年總保費增長，臺灣市場表現穩定。'], {
      at: t(30),
      category: 'hkbiz',
    }),
    made('贵州茅台(600519)股价创新高', ['贵州茅台600519今日上涨2.3%，A股白酒板块走强。'], { at: t(20) }),
    made('ＡＢＣ１２３全角测试', ['全角字母ＡＢＣ与数字１２３，以及半角abc123混排。'], { at: t(10) }),
    made('A股三大指数收跌', ['沪指跌0.5%，深成指跌0.8%，创业板指跌1.1%。'], { at: t(5) }),
    made('会社名称㍿与组合字符', ['日本企業㍿，café 与 cafe\u0301 同义，表情😀与𠮷字。'], { at: t(4) }),
    made('零宽\u200b字符', ['降\u200b准消息，空格　全角与  多个空格。'], { at: t(3) }),
    // twins: one story, two categories; only one may appear per list
    made('茅台减持传闻不实', ['公司回应称茅台减持传闻不实。'], {
      at: t(2),
      category: 'emnews',
      storyKey: '202205310000000001',
    }),
    made('茅台减持传闻不实', ['公司回应称茅台减持传闻不实。'], {
      at: t(2),
      category: 'cls',
      storyKey: '202205310000000001',
    }),
    // ranking: body-only and old articles
    made('白酒板块午评', ['午间消息：茅台领涨，五粮液跟涨。'], { at: t(1) }),
    made('旧闻：茅台往事', ['很久以前的茅台新闻。'], { at: now - 200 * 24 * HOUR }),
    made('资产负债表', ['银行资产负债表扩张，债期限结构变化。'], {
      at: t(60),
      digest: '编辑摘要：负债端稳定',
    }),
  ];
}
