import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, resolveWire, wireFeedUrl } from '../../src/sources/catalog/catalog.ts';
import { parseFeed } from '../../src/sources/feed/parse.ts';
import type { UrgentRule } from '../../src/sources/feed/urgent.ts';
import { fixtureText } from '../support/feed-server.ts';

const RSSHUB = 'http://rsshub.test';
const catalog = loadCatalog();

function urgentTitles(fixture: string, route: string, rule: UrgentRule) {
  const f = parseFeed(fixtureText(fixture), wireFeedUrl(RSSHUB, route), { urgentRule: rule });
  return f.items.map((i) => [i.title, i.urgent]);
}

describe('urgent flags per wire', () => {
  it('10jqka: the 重要 category', () => {
    expect(urgentTitles('wire-10jqka.xml', '/10jqka/realtimenews', '10jqka')).toEqual([
      ['国务院常务会议部署扩大内需举措', true],
      ['半导体板块午后拉升', false],
    ]);
  });

  it('cls: every item of the 加红 route, none of the plain telegraph', () => {
    expect(urgentTitles('wire-cls.xml', '/cls/telegraph', 'cls').map(([, u]) => u)).toEqual([false, false]);
    expect(urgentTitles('wire-cls-red.xml', '/cls/telegraph/red', 'cls').map(([, u]) => u)).toEqual([true]);
  });

  it('wallstreetcn: the score ≥ 2 route, not score 1', () => {
    expect(urgentTitles('wire-wallstreetcn.xml', '/wallstreetcn/live', 'wallstreetcn')).toEqual([
      ['美联储官员：年内仍有降息空间', false],
      ['欧洲股市开盘涨跌不一', false],
    ]);
    expect(urgentTitles('wire-wallstreetcn.xml', '/wallstreetcn/live/global/1', 'wallstreetcn')[0]?.[1]).toBe(
      false,
    );
    expect(
      urgentTitles('wire-wallstreetcn-important.xml', '/wallstreetcn/live/global/2', 'wallstreetcn'),
    ).toEqual([['美联储官员：年内仍有降息空间', true]]);
  });

  it('jin10: the important route, also under a path prefix', () => {
    expect(urgentTitles('wire-jin10.xml', '/jin10', 'jin10').map(([, u]) => u)).toEqual([false, false]);
    const f = parseFeed(fixtureText('wire-jin10-important.xml'), 'https://me.example.cn/rsshub/jin10/1', {
      urgentRule: 'jin10',
    });
    expect(f.items.map((i) => i.urgent)).toEqual([true]);
  });

  it('sina: never urgent; and a plain feed without a rule never is', () => {
    expect(urgentTitles('wire-sina.xml', '/sina/finance/zhibo', 'none').map(([, u]) => u)).toEqual([
      false,
      false,
    ]);
    const plain = parseFeed(fixtureText('wire-10jqka.xml'), `${RSSHUB}/10jqka/realtimenews`);
    expect(plain.items.map((i) => i.urgent)).toEqual([false, false]);
  });

  it('the important route and the main route give an item the same seen key', () => {
    for (const [main, important] of [
      ['wire-cls.xml', 'wire-cls-red.xml'],
      ['wire-wallstreetcn.xml', 'wire-wallstreetcn-important.xml'],
      ['wire-jin10.xml', 'wire-jin10-important.xml'],
    ] as const) {
      const all = parseFeed(fixtureText(main), `${RSSHUB}/x`).items.map((i) => i.key);
      const red = parseFeed(fixtureText(important), `${RSSHUB}/y`).items.map((i) => i.key);
      expect(red.every((k) => all.includes(k))).toBe(true);
    }
  });

  it('every wire fixture parses with its title, items and RSSHub ttl', () => {
    for (const w of catalog.wires) {
      const f = parseFeed(fixtureText(`wire-${w.id}.xml`), wireFeedUrl(RSSHUB, w.route), {
        urgentRule: w.urgentRule,
      });
      expect([f.items.length, f.ttlMinutes, f.title.length > 0]).toEqual([2, 5, true]);
    }
  });
});

describe('wire catalog', () => {
  it('has the five wires with their RSSHub routes', () => {
    expect(catalog.wires.map((w) => [w.id, w.route])).toEqual([
      ['cls', '/cls/telegraph'],
      ['wallstreetcn', '/wallstreetcn/live'],
      ['jin10', '/jin10'],
      ['sina', '/sina/finance/zhibo'],
      ['10jqka', '/10jqka/realtimenews'],
    ]);
  });

  it.each([
    ['财联社电报', 'cls'],
    ['cls', 'cls'],
    ['ＣＬＳ', 'cls'],
    ['  Cai Lian She ', 'cls'],
    ['金十', 'jin10'],
    ['JIN10', 'jin10'],
    ['jinshishuju', 'jin10'],
    ['华尔街见闻', 'wallstreetcn'],
    ['wscn', 'wallstreetcn'],
    ['新浪财经 7×24', 'sina'],
    ['新浪财经7x24', 'sina'],
    ['同花顺', '10jqka'],
    ['tonghuashun', '10jqka'],
    ['hejjw', 'wallstreetcn'],
  ])('resolves %s', (query, id) => {
    expect(resolveWire(catalog, query)?.id).toBe(id);
  });

  it('does not resolve unknown names', () => {
    expect([resolveWire(catalog, '四川日报'), resolveWire(catalog, ''), resolveWire(catalog, 'x')]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('builds feed URLs on an instance with or without a path prefix', () => {
    expect(wireFeedUrl('http://127.0.0.1:1200', '/cls/telegraph')).toBe(
      'http://127.0.0.1:1200/cls/telegraph',
    );
    expect(wireFeedUrl('https://me.example.cn/rsshub/', '/10jqka/realtimenews/重要')).toBe(
      'https://me.example.cn/rsshub/10jqka/realtimenews/%E9%87%8D%E8%A6%81',
    );
  });
});

describe("an operator's extra wires file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kuaixun-wires-'));
  const write = (name: string, body: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    return file;
  };

  it('adds a wire and replaces a built-in one by id, without code', () => {
    const file = write('ok.json', [
      {
        id: 'eastmoney',
        name: '东方财富快讯',
        aliases: ['东财', 'eastmoney'],
        route: '/eastmoney/kuaixun',
        urgentRule: 'none',
      },
      { id: 'jin10', name: '金十', aliases: ['金十数据'], route: '/jin10/important', urgentRule: 'jin10' },
    ]);
    const c = loadCatalog(file);
    expect(resolveWire(c, '东方财富快讯')?.route).toBe('/eastmoney/kuaixun');
    expect(resolveWire(c, 'dongcai')?.id).toBe('eastmoney');
    expect(resolveWire(c, '金十')?.route).toBe('/jin10/important');
    expect(c.wires).toHaveLength(6);
  });

  it.each([
    ['bad-json.json', '[{', /bad-json\.json: cannot read/],
    ['not-array.json', { id: 'x' }, /not-array\.json: must be a JSON array/],
    [
      'bad-route.json',
      [
        { id: 'ok1', name: 'A', route: '/a' },
        { id: 'yicai', name: '第一财经', route: 'yicai' },
      ],
      /bad-route\.json: entry 2 \("yicai"\): route/,
    ],
    [
      'bad-rule.json',
      [{ id: 'z', name: 'Z', route: '/z', urgentRule: 'loud' }],
      /bad-rule\.json: entry 1 \("z"\): urgentRule/,
    ],
    [
      'unknown-key.json',
      [{ id: 'q', name: 'Q', route: '/q', colour: 'red' }],
      /unknown-key\.json: entry 1 \("q"\)/,
    ],
    [
      'clash.json',
      [{ id: 'other', name: '另一个', aliases: ['cls'], route: '/o' }],
      /"cls" names both cls and other/,
    ],
  ])('%s stops with an error naming the file and entry', (name, body, message) => {
    const file = write(name, body);
    expect(() => loadCatalog(file)).toThrow(CatalogError);
    expect(() => loadCatalog(file)).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadCatalog(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read/);
  });
});
