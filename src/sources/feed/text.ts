import { load } from 'cheerio/slim';
import { BLOCK_ELEMENTS } from '../../html-blocks.ts';

/** The parts of the parsed tree we read; cheerio's nodes satisfy it structurally. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'template', 'head', 'title', 'object']);
// feeds also carry definition lists (glossaries, Q&A items)
const BLOCK = new Set([...BLOCK_ELEMENTS, 'dl', 'dt', 'dd']);
const SPACES = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;

const clean = (line: string) => line.replace(SPACES, ' ').trim();

/** Clean text paragraphs from an HTML fragment: one per block element or <br>, no markup, entities decoded. */
export function htmlToParagraphs(html: string): string[] {
  if (!/[<&]/.test(html)) return textToParagraphs(html);
  const $ = load(html, null, false);
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const c = clean(line);
    if (c) out.push(c);
    line = '';
  };
  const walk = (nodes: DomNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') line += n.data ?? '';
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const name = n.name ?? '';
        if (SKIP.has(name)) continue;
        if (name === 'br') {
          flush();
          continue;
        }
        const block = BLOCK.has(name);
        if (block) flush();
        walk(n.children ?? []);
        if (block) flush();
      } else if (n.type === 'cdata') walk(n.children ?? []);
    }
  };
  walk($.root().toArray()[0]?.children as DomNode[]);
  flush();
  return out;
}

/** Plain text (JSON Feed content_text): a paragraph per non-empty line. */
export function textToParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(clean)
    .filter((l) => l !== '');
}

/** A title: one line of text even when the feed put markup or entities in it. */
export function plainLine(text: string | undefined | null): string {
  if (!text) return '';
  return clean(htmlToParagraphs(text).join(' '));
}
