/**
 * A clone in an empty folder must pass `npm test`: no test, benchmark or source file may read a
 * path outside the repository (the old fixtures lived in the workplace's sibling shared folder and failed 67 tests elsewhere).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROOMS = ['src', 'commands', 'jobs', 'test', 'bench', 'bin'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'node_modules' || full.startsWith(join(ROOT, 'test', 'fixtures'))) continue;
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

const files = ROOMS.flatMap((r) => sources(join(ROOT, r)));
const inside = (p: string) =>
  p === ROOT.replace(/\/$/, '') || p.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep);

describe('every path a file names stays inside the repository', () => {
  it('finds the files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('resolves each `new URL(relative, import.meta.url)` inside the repository', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new URL\(\s*['"`](\.{1,2}\/[^'"`$]*)['"`]\s*,\s*import\.meta\.url/g)) {
        const target = resolve(dirname(file), m[1] ?? '');
        if (!inside(target)) outside.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('names no sibling folder such as the workplace shared folder', () => {
    const hits = files
      .filter((f) => f !== fileURLToPath(import.meta.url))
      .filter((f) => /\.\.\/shared\b|['"]shared\//.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(hits).toEqual([]);
  });
});
