/**
 * `npm run refresh:stocks -- <file.csv> [--out <file.json>]`: merges an exchange's stock list,
 * saved as CSV or tab-separated text (UTF-8 or GBK), into src/match/data/a-shares.json.
 * Sources: SSE 股票列表 (sse.com.cn → 披露 → 股票列表, 下载), SZSE A股列表 (szse.cn → 市场数据
 * → 股票列表 → A股列表, 下载, save the sheet as CSV), BSE 上市公司列表 (bse.cn). No network:
 * the file is downloaded by hand and checked in with the refreshed list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatStockJson, mergeStocks, parseStockCsv } from '../match/stock-csv.ts';
import type { StockEntry } from '../match/stocks.ts';

const DEFAULT_OUT = fileURLToPath(new URL('../match/data/a-shares.json', import.meta.url));

export function decodeList(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

export function runRefreshStocks(args: string[], io: { out(s: string): void; err(s: string): void }): number {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : DEFAULT_OUT;
  const file = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1);
  if (!file || !out) {
    io.err('usage: npm run refresh:stocks -- <file.csv> [--out <file.json>]');
    return 2;
  }
  try {
    const fresh = parseStockCsv(decodeList(readFileSync(file)));
    if (fresh.length === 0) {
      io.err(`${file}: no A-share rows found; the list is unchanged`);
      return 1;
    }
    const current = JSON.parse(readFileSync(out, 'utf8')) as StockEntry[];
    const merged = mergeStocks(current, fresh);
    writeFileSync(out, formatStockJson(merged));
    io.out(`${file}: ${fresh.length} stocks read; ${out} now lists ${merged.length} (was ${current.length})`);
    return 0;
  } catch (err) {
    io.err(`refresh failed: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runRefreshStocks(process.argv.slice(2), {
    out: (s) => console.log(s),
    err: (s) => console.error(s),
  });
}
