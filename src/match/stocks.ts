import type { Normalizer } from '../search/normalize.ts';
import shares from './data/a-shares.json' with { type: 'json' };
import { createMatcher, type Matcher } from './matcher.ts';

/** One listed A share: its 6-digit code, its short name (简称) and other names it is known by. */
export interface StockEntry {
  code: string;
  name: string;
  aliases?: string[];
}

/** What a watched term stands for: one key, and every normalised text that means it. */
export interface Entity {
  /** the stock code for a known stock, else the normalised term */
  key: string;
  /** normalised patterns to match: the term itself first */
  terms: string[];
  stock?: StockEntry;
}

export interface StockDirectory {
  /** '600519', '贵州茅台' and '茅台' all give the 600519 entity; other terms stand for themselves */
  expandTerm(raw: string): Entity;
  byCode(code: string): StockEntry | undefined;
  /** codes of the stocks named (by code or name) in already normalised text, first seen first */
  findStocks(normalisedText: string): string[];
  readonly size: number;
}

/**
 * Shanghai 600-605 and 688/689 (STAR), Shenzhen 000-003 and 300/301 (ChiNext), Beijing 43, 83,
 * 87 and 920. Used to tell a code from any other number (a code someone types that the list
 * does not know is still matched, as a whole code).
 */
const A_SHARE_CODE = /^(?:60[0-5]\d{3}|68[89]\d{3}|00[0-3]\d{3}|30[01]\d{3}|43\d{4}|8[37]\d{4}|920\d{3})$/;

export function isAShareCode(text: string): boolean {
  return A_SHARE_CODE.test(text);
}

/** The list shipped in src/match/data/a-shares.json (refresh: `npm run refresh:stocks`). */
export function loadAShares(): StockEntry[] {
  return (shares as StockEntry[]).map((s) => ({ ...s, aliases: s.aliases ? [...s.aliases] : [] }));
}

export function createStockDirectory(
  entries: readonly StockEntry[],
  deps: { normalizer: Pick<Normalizer, 'normalize'> },
): StockDirectory {
  const byCode = new Map<string, StockEntry>();
  const byName = new Map<string, StockEntry>();
  const namesOf = new Map<string, string[]>();
  const ambiguous = new Set<string>();
  for (const entry of entries) {
    if (!isAShareCode(entry.code)) continue;
    byCode.set(entry.code, entry);
    const names: string[] = [];
    for (const raw of [entry.name, ...(entry.aliases ?? [])]) {
      const name = deps.normalizer.normalize(raw);
      if (name.length === 0 || names.includes(name)) continue;
      names.push(name);
      const other = byName.get(name);
      if (other && other.code !== entry.code) ambiguous.add(name);
      byName.set(name, entry);
    }
    namesOf.set(entry.code, names);
  }
  // a name shared by two codes would make one watch catch the other company: it means neither
  for (const name of ambiguous) byName.delete(name);
  for (const [code, names] of namesOf)
    namesOf.set(
      code,
      names.filter((n) => !ambiguous.has(n)),
    );

  let finder: Matcher<string> | undefined;
  const findStocks = (text: string): string[] => {
    finder ??= createMatcher(
      [...namesOf].flatMap(([code, names]) => [
        [code, code] as const,
        ...names.map((n) => [code, n] as const),
      ]),
      { normalizer: deps.normalizer },
    );
    const codes: string[] = [];
    for (const hit of finder.match(text)) if (!codes.includes(hit.id)) codes.push(hit.id);
    return codes;
  };

  return {
    size: byCode.size,
    findStocks,
    byCode: (code) => byCode.get(code),
    expandTerm(raw) {
      const term = deps.normalizer.normalize(raw);
      const stock = byCode.get(term) ?? byName.get(term);
      if (!stock) return { key: term, terms: [term] };
      const rest = [stock.code, ...(namesOf.get(stock.code) ?? [])].filter((t) => t !== term);
      return { key: stock.code, terms: [term, ...rest], stock };
    },
  };
}
