import { isAShareCode, type StockEntry } from './stocks.ts';

/**
 * Reads the stock lists the exchanges publish (SSE 股票列表, SZSE A股列表, BSE 上市公司列表)
 * once saved as CSV or tab-separated text: the code column is the first header naming a code
 * (A股代码 preferred), the name column the first naming a short name (A股简称 preferred).
 * Excel's leading-zero loss (1 → 000001), ="000001" cells, quotes, a BOM and the spaces SZSE
 * puts inside names (万　科Ａ) are undone. Rows that are not A shares are skipped.
 */
export function parseStockCsv(text: string): StockEntry[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header === undefined) return [];
  const sep = header.includes('\t') ? '\t' : ',';
  const cols = splitRow(header, sep);
  const find = (preferred: RegExp, any: RegExp) => {
    const i = cols.findIndex((c) => preferred.test(c));
    return i >= 0 ? i : cols.findIndex((c) => any.test(c));
  };
  const codeAt = find(/A股代码/, /证券代码|股票代码|公司代码|^代码$/);
  const nameAt = find(/A股简称/, /证券简称|股票简称|^简称$|^名称$/);
  if (codeAt < 0 || nameAt < 0) throw new Error(`no code and short-name columns in the header: ${header}`);
  const out: StockEntry[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const row = splitRow(line, sep);
    const rawCode = row[codeAt] ?? '';
    const code = /^\d{1,6}$/.test(rawCode) ? rawCode.padStart(6, '0') : rawCode;
    const name = (row[nameAt] ?? '').normalize('NFKC').replace(/\s+/g, '');
    if (!isAShareCode(code) || name === '' || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, name });
  }
  return out;
}

function splitRow(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) =>
    c
      .trim()
      .replace(/^=/, '')
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/**
 * The list after a refresh: names from the exchange win, a former name stays as an alias (news
 * keeps using it for a while: 隆基股份 → 隆基绿能), aliases are kept, codes the file does not
 * list are kept (a file covers one exchange). Sorted by code.
 */
export function mergeStocks(current: readonly StockEntry[], fresh: readonly StockEntry[]): StockEntry[] {
  const byCode = new Map(current.map((s) => [s.code, { ...s, aliases: [...(s.aliases ?? [])] }]));
  for (const f of fresh) {
    const old = byCode.get(f.code);
    if (!old) {
      byCode.set(f.code, { code: f.code, name: f.name, aliases: [] });
      continue;
    }
    if (old.name !== f.name && !old.aliases.includes(old.name)) old.aliases.push(old.name);
    old.aliases = old.aliases.filter((a) => a !== f.name);
    old.name = f.name;
  }
  return [...byCode.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => (s.aliases.length > 0 ? s : { code: s.code, name: s.name }));
}

/** one entry per line, as src/match/data/a-shares.json is kept (and as biome formats it) */
export function formatStockJson(entries: readonly StockEntry[]): string {
  const q = JSON.stringify;
  const line = (e: StockEntry) => {
    const aliases = e.aliases?.length ? `, "aliases": [${e.aliases.map((a) => q(a)).join(', ')}]` : '';
    return `  { "code": ${q(e.code)}, "name": ${q(e.name)}${aliases} }`;
  };
  return `[\n${entries.map(line).join(',\n')}\n]\n`;
}
