/**
 * The import rules that keep the data flow one-way (CONTRIBUTING.md): a newcomer who breaks one
 * learns it here, not in review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function tsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return /\.ts$/.test(name) ? [full] : [];
  });
}

/** Every import of a file, as a repository-relative path (packages keep their bare name). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specs.map((m) => {
    const spec = m[1] ?? m[2] ?? '';
    return spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec;
  });
}

function offenders(rooms: string[], forbidden: (imp: string) => boolean, except: string[] = []): string[] {
  return rooms
    .flatMap((room) => tsFiles(join(ROOT, room)))
    .filter((f) => !except.includes(relative(ROOT, f)))
    .flatMap((f) =>
      importsOf(f)
        .filter(forbidden)
        .map((imp) => `${relative(ROOT, f)} → ${imp}`),
    );
}

const DOMAIN = [
  'src/articles',
  'src/search',
  'src/delivery',
  'src/ops',
  'src/site',
  'src/sources',
  'src/match',
  'src/summarize',
  'src/chats',
];

describe('import rules', () => {
  it('reads the rooms it checks', () => {
    expect(tsFiles(join(ROOT, 'src')).length).toBeGreaterThan(50);
  });

  it('nothing but the composition root imports jobs/', () => {
    const jobs = (imp: string) => imp.startsWith('jobs/');
    expect(offenders(['src', 'commands'], jobs, ['src/app.ts'])).toEqual([]);
  });

  it('domain rooms do not import the presentation room', () => {
    expect(offenders(DOMAIN, (imp) => imp.startsWith('src/present/'))).toEqual([]);
  });

  it('src/site, src/sources and the pure engines know nothing of Telegram', () => {
    const telegram = (imp: string) =>
      imp === 'telegraf' ||
      imp.startsWith('telegraf/') ||
      imp.startsWith('src/telegram/') ||
      imp.startsWith('commands/');
    expect(
      offenders(['src/site', 'src/sources', 'src/summarize', 'src/match', 'src/articles'], telegram),
    ).toEqual([]);
  });

  it('search, delivery and ops return data: no HTML builder, no view, no string table', () => {
    const views = (imp: string) => imp.startsWith('src/present/') || imp === 'src/telegram/html.ts';
    expect(offenders(['src/search', 'src/delivery', 'src/ops'], views)).toEqual([]);
  });

  it('the HTML builder has one home, the presentation room (no copy or shim elsewhere)', () => {
    const builders = tsFiles(join(ROOT, 'src'))
      .filter((f) => readFileSync(f, 'utf8').includes('export class Html'))
      .map((f) => relative(ROOT, f));
    expect(builders).toEqual(['src/present/html.ts']);
    expect(offenders(['src', 'commands', 'jobs'], (imp) => imp === 'src/telegram/html.ts')).toEqual([]);
  });
});
