/**
 * One string table per language (issue "House"): the types say en has zh's shape, but a cast
 * could hide a gap, so the shapes are also compared key by key; and the 全文 label is written
 * once per language, so a push and a search result can never disagree about it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/present/strings/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function shape(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [at];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => shape(v, `${at}.${k}`));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe('string tables', () => {
  it('English has exactly the entries and sections of Chinese', () => {
    expect(shape(t('en')).sort()).toEqual(shape(t('zh')).sort());
  });

  it('has the sections every view reads', () => {
    for (const lang of ['zh', 'en'] as const)
      expect(Object.keys(t(lang))).toEqual(
        expect.arrayContaining(['search', 'push', 'ops', 'smart', 'feed']),
      );
  });

  it('writes the full-text label once per language', () => {
    const code = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'commands'))].join('\n');
    expect(code.match(/'全文'/g)).toHaveLength(1);
    expect(code.match(/'Full text'/g)).toHaveLength(1);
    expect(t('zh').full).toBe('全文');
    expect(t('en').full).toBe('Full text');
  });

  it('lists a story’s other sources with each language’s own separator, pushes and search alike', () => {
    expect(t('zh').alsoIn(['财联社', '四川日报']).value).toBe('另见：财联社、四川日报');
    expect(t('en').alsoIn(['CLS', 'Sichuan Daily']).value).toBe('See also: CLS, Sichuan Daily');
    const code = sources(join(ROOT, 'src')).join('\n');
    expect(code.match(/另见：/g)).toHaveLength(1);
  });
});
