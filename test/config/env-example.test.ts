import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');

describe('.env.example', () => {
  const entries = example
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);

  it('lists every config key, each with a comment above it', () => {
    const keys = [...source.matchAll(/^ {2}([A-Z_]+): /gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(15);
    const listed = new Set(entries.map(([k]) => k));
    for (const key of keys) expect(listed, key).toContain(key);
    const lines = example.split('\n');
    for (const [key] of entries) {
      let i = lines.findIndex((l) => l.startsWith(`${key}=`)) - 1;
      while (i >= 0 && /^[A-Z_]+=/.test(lines[i]!)) i--;
      expect(lines[i], key).toMatch(/^#/);
    }
  });

  it('loads as it stands', () => {
    const config = loadConfig(Object.fromEntries(entries));
    expect(config.SITE_URL).toBe('https://finews.withounder.com');
    expect(config.BOT_TOKEN).toBeUndefined();
  });
});
