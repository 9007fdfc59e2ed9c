import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanBody } from '../../src/site/clean-body.ts';

/** Fixtures inside the repository (copied from the finews archive; see test/fixtures/finews/README.md). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const POSTS_DIR = join(FIXTURES_DIR, 'finews/posts');

export interface RealPost {
  file: string;
  title: string;
  category: string;
  paragraphs: string[];
  digest: string | null;
  /** all the text of the post page body, for faithfulness checks */
  text: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith('.md') ? [path] : [];
    })
    .sort();
}

function frontMatterValue(front: string, key: string): string {
  const raw = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(front)?.[1]?.trim() ?? '';
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}

/**
 * What kramdown makes of a post body, as far as cleanBody cares: blank-line blocks, `> ` lines as
 * a blockquote, `<http…>` autolinks and `[text](url)` links as anchors, raw HTML passed through.
 */
export function markdownToHtml(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const b = block.trim();
      if (!b) return '';
      if (b.split('\n').every((l) => l.startsWith('>'))) {
        return `<blockquote><p>${b.replace(/^>[ \t]?/gm, '')}</p></blockquote>`;
      }
      const auto = /^<((?:https?:)?\/\/[^>\s]+)>$/.exec(b);
      if (auto) return `<p><a href="${auto[1]}">${auto[1]}</a></p>`;
      const linked = b.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '<a href="$2">$1</a>');
      return linked.startsWith('<') && !linked.startsWith('<a ') ? linked : `<p>${linked}</p>`;
    })
    .join('\n');
}

export function loadRealPosts(dir = POSTS_DIR): RealPost[] {
  return markdownFiles(dir)
    .filter((path) => !path.includes('/category/'))
    .map((path) => {
      const source = readFileSync(path, 'utf8');
      const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
      const front = m?.[1] ?? '';
      const body = cleanBody(markdownToHtml(m?.[2] ?? source));
      return {
        file: basename(path),
        title: frontMatterValue(front, 'title'),
        category: frontMatterValue(front, 'categories'),
        paragraphs: body.paragraphs,
        digest: body.digest,
        text: [body.digest ?? '', ...body.paragraphs].join('\n'),
      };
    });
}
