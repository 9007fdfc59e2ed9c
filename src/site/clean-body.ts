import { load } from 'cheerio';
import { BLOCK_ELEMENTS } from '../html-blocks.ts';

export interface CleanBody {
  paragraphs: string[];
  /** the editor's digest: an emnews body that opens with a blockquote (`> ` in the Markdown) */
  digest: string | null;
  /** `（文章来源：四川日报）` → `四川日报` */
  attribution: string | null;
  /** the original article's URL (the bare-link paragraph near the end) */
  sourceLink: string | null;
  images: string[];
}

/** The parts of the parsed tree we read; cheerio's nodes satisfy it structurally. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** Characters that look like spaces in the site's text: ASCII whitespace, NBSP, full-width space, zero-width marks. */
const SPACES = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f\\u201c\\u201d\\u2018\\u2019';
/** A source line break between two CJK characters is layout, not a space. */
const CJK_BREAK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n\\s*(?=[${CJK}])`, 'g');

/** HTML text-node data: source line breaks are soft (a space, or nothing between CJK characters). */
function softText(data: string): string {
  return data.replace(CJK_BREAK, '$1').replace(/\s*[\r\n]\s*/g, ' ');
}

/** One display line: every kind of space run becomes one ASCII space, ends trimmed. Characters are kept. */
function normalizeLine(line: string): string {
  return line.replace(SPACES, ' ').trim();
}

const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'template', 'head', 'title', 'meta']);
// finews lays bodies out in old-style tables, <center> and <small> captions
const BLOCK = new Set([...BLOCK_ELEMENTS, 'center', 'td', 'th', 'small']);
const CONTAINER = new Set([
  'div',
  'center',
  'section',
  'article',
  'ul',
  'ol',
  'table',
  'tr',
  'figure',
  'tbody',
  'thead',
]);

const ATTRIBUTION = /^[（(]\s*文章来源\s*[:：]\s*(.+?)\s*[）)]$/;
const BACK_LINK = /^返回.{0,40}[｜|\s]*返回首页$|^返回首页$/;
const URL_ONLY = /^(https?:)?\/\/\S+$/;
const PAGE_CHROME = /^tags\s*[:：]|^\(GMT[+-]\d/;
const IMAGE_CAPTION = /^(图片来源|图源|来源)[:：]\S{0,30}$/;

const isHidden = (n: DomNode): boolean =>
  /display\s*:\s*none|visibility\s*:\s*hidden/i.test(n.attribs?.['style'] ?? '') ||
  n.attribs?.['hidden'] !== undefined;

/** eastmoney's K-line chart inserts (`EM_StockImg`): a quote widget, not an article image */
const isStockImage = (n: DomNode): boolean =>
  /\bEmImageRemark\b/.test(n.attribs?.['class'] ?? '') || /webquoteklinepic\./.test(n.attribs?.['src'] ?? '');

const isBlock = (n: DomNode): boolean => n.type === 'tag' && BLOCK.has(n.name ?? '');

/** Text of a node with `<br>` as hard line breaks; images are collected, not read. */
function textOf(n: DomNode, images: string[], links: string[]): string {
  if (n.type === 'text') return softText(n.data ?? '');
  if (n.type !== 'tag' && n.type !== 'root') return '';
  const name = n.name ?? '';
  if (SKIP.has(name) || isHidden(n) || isStockImage(n)) return '';
  if (name === 'br') return '\n';
  if (name === 'img') {
    const src = n.attribs?.['src'];
    if (src) images.push(src);
    return '';
  }
  if (name === 'a' && n.attribs?.['href']) links.push(n.attribs['href']);
  const inner = (n.children ?? []).map((c) => textOf(c, images, links)).join('');
  return isBlock(n) ? `\n${inner}\n` : inner;
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map(normalizeLine)
    .filter((l) => l.length > 0);
}

/** Top-level blocks in order; a run of inline nodes becomes one anonymous block. */
function blocksOf(nodes: DomNode[]): DomNode[][] {
  const out: DomNode[][] = [];
  let run: DomNode[] = [];
  for (const n of nodes) {
    if (n.type === 'comment' || n.type === 'directive') continue;
    if (isBlock(n)) {
      if (run.length) out.push(run);
      run = [];
      if (CONTAINER.has(n.name ?? '') && (n.children ?? []).some(isBlock) && !isHidden(n)) {
        out.push(...blocksOf(n.children ?? []));
      } else out.push([n]);
    } else run.push(n);
  }
  if (run.length) out.push(run);
  return out;
}

/**
 * Clean text of a rendered finews post body (the part of the page's `<section>` between the
 * `<h1>` and the trailing `<small>tags:…</small>`; a whole `<section>` or page is accepted too).
 * Boilerplate goes to its own field or away; the text keeps its characters.
 */
export function cleanBody(bodyHtml: string): CleanBody {
  const $ = load(bodyHtml ?? '', null, false);
  const section = $('section').first();
  const root = (section.length ? section[0] : $.root()[0]) as unknown as DomNode;
  const result: CleanBody = { paragraphs: [], digest: null, attribution: null, sourceLink: null, images: [] };
  let seenContent = false;
  for (const block of blocksOf(root.children ?? [])) {
    const first = block[0]!;
    const name = block.length === 1 && first.type === 'tag' ? (first.name ?? '') : '';
    if (name === 'h1' || name === 'hr' || (name && isHidden(first))) continue;
    const links: string[] = [];
    const lines = splitLines(block.map((n) => textOf(n, result.images, links)).join(''));
    if (lines.length === 0) continue;
    const joined = lines.join('');
    if (name === 'small' && PAGE_CHROME.test(joined)) continue;
    if (name === 'blockquote' && !seenContent && result.digest === null) {
      result.digest = lines.join('');
      continue;
    }
    const attribution = ATTRIBUTION.exec(joined);
    if (attribution?.[1]) {
      result.attribution = attribution[1];
      continue;
    }
    if (BACK_LINK.test(lines.join(''))) continue;
    if (URL_ONLY.test(joined)) {
      result.sourceLink ??= links[0] ?? joined;
      continue;
    }
    if (IMAGE_CAPTION.test(joined) || !/[\p{L}\p{N}]/u.test(joined)) continue;
    seenContent = true;
    result.paragraphs.push(...lines);
  }
  return result;
}
