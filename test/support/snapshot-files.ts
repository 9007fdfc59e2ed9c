import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SNAPSHOTS_DIR } from './site-server.ts';

export const POSTS_DIR = fileURLToPath(new URL('../fixtures/finews/posts/', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** decoded site paths of every post page in a snapshot, e.g. `/emnews/2021/12/08/x.html` */
export function snapshotPostPaths(snapshot: string): string[] {
  const root = join(SNAPSHOTS_DIR, snapshot);
  return walk(root)
    .map((f) => f.slice(root.length))
    .filter((p) => /^\/[^/]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.test(p))
    .sort();
}

export function readSnapshotFile(snapshot: string, path: string): string {
  return readFileSync(join(SNAPSHOTS_DIR, snapshot, path), 'utf8');
}

export interface FrontMatter {
  title: string;
  date: string;
  categories: string;
  tags: string;
}

/** the real post files' front matter, by file code (`NW202203152308494336`, `init`) */
export function frontMatterByCode(): Map<string, FrontMatter> {
  const out = new Map<string, FrontMatter>();
  for (const sub of ['_posts', 'old_post']) {
    for (const f of readdirSync(join(POSTS_DIR, sub))) {
      const text = readFileSync(join(POSTS_DIR, sub, f), 'utf8');
      const field = (k: string) => new RegExp(`^${k}:[ \\t]*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
      const rawTitle = field('title');
      const title = rawTitle.startsWith('"') ? (JSON.parse(rawTitle) as string) : rawTitle;
      const code = f.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.md$/, '');
      if (!out.has(code) || field('date').length > 6) {
        out.set(code, { title, date: field('date'), categories: field('categories'), tags: field('tags') });
      }
    }
  }
  return out;
}

/** front-matter date → epoch ms; a date without a zone is Shanghai wall-clock time */
export function frontMatterTime(date: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\s*([+-]\d{2})(\d{2}))?$/.exec(date);
  if (!m) return Number.NaN;
  const zone = m[3] ? `${m[3]}:${m[4]}` : '+08:00';
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}
