import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeList, runRefreshStocks } from '../../src/cli/refresh-stocks.ts';
import { formatStockJson, mergeStocks, parseStockCsv } from '../../src/match/stock-csv.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/stocks/${name}`, import.meta.url));
const shipped = fileURLToPath(new URL('../../src/match/data/a-shares.json', import.meta.url));

describe('parseStockCsv', () => {
  it('reads the SZSE A股列表 as CSV: BOM, quotes, ="…" cells, lost zeros, spaced names', () => {
    expect(parseStockCsv(readFileSync(fixture('szse-a.csv'), 'utf8'))).toEqual([
      { code: '000001', name: '平安银行' },
      { code: '000002', name: '万科A' },
      { code: '300750', name: '宁德时代' },
    ]);
  });

  it('reads the SSE list as GBK tab-separated text and skips rows that are not A shares', () => {
    expect(parseStockCsv(decodeList(readFileSync(fixture('sse-gbk.txt'))))).toEqual([
      { code: '600519', name: '贵州茅台' },
      { code: '601012', name: '隆基绿能' },
      { code: '688999', name: '新上市' },
    ]);
  });

  it('names the problem when the header has no code or name column', () => {
    expect(() => parseStockCsv('a,b\n1,2\n')).toThrow(/no code and short-name columns/);
  });
});

describe('mergeStocks', () => {
  it('takes new names, keeps the former name and aliases, keeps codes the file lacks', () => {
    const merged = mergeStocks(
      [
        { code: '601012', name: '隆基股份', aliases: ['隆基'] },
        { code: '600519', name: '贵州茅台', aliases: ['茅台'] },
      ],
      [
        { code: '601012', name: '隆基绿能' },
        { code: '300750', name: '宁德时代' },
      ],
    );
    expect(merged).toEqual([
      { code: '300750', name: '宁德时代' },
      { code: '600519', name: '贵州茅台', aliases: ['茅台'] },
      { code: '601012', name: '隆基绿能', aliases: ['隆基', '隆基股份'] },
    ]);
  });

  it('writes the shipped file byte for byte as it is kept', () => {
    const text = readFileSync(shipped, 'utf8');
    expect(formatStockJson(JSON.parse(text))).toBe(text);
  });
});

describe('npm run refresh:stocks', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('merges a downloaded list into the JSON, offline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kx-stocks-'));
    dirs.push(dir);
    const out = join(dir, 'a-shares.json');
    copyFileSync(shipped, out);
    const said: string[] = [];
    const code = runRefreshStocks([fixture('sse-gbk.txt'), '--out', out], {
      out: (s) => said.push(s),
      err: (s) => said.push(s),
    });
    expect(code).toBe(0);
    const before = JSON.parse(readFileSync(shipped, 'utf8')) as unknown[];
    const after = JSON.parse(readFileSync(out, 'utf8')) as { code: string; name: string }[];
    expect(after.length).toBe(before.length + 1);
    expect(after.find((s) => s.code === '688999')).toEqual({ code: '688999', name: '新上市' });
    expect(said.join('\n')).toMatch(/3 stocks read/);
  });

  it('refuses a missing file or arguments with a clear message', () => {
    const said: string[] = [];
    const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    expect(runRefreshStocks([], io)).toBe(2);
    expect(runRefreshStocks([fixture('no-such-list.csv'), '--out', fixture('no-such.json')], io)).toBe(1);
    expect(said.join('\n')).toMatch(/usage: npm run refresh:stocks[\s\S]*refresh failed/);
  });
});
