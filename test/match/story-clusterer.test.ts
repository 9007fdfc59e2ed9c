import { describe, expect, it } from 'vitest';
import { createStoryClusterer } from '../../src/match/story-clusterer.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

const normalizer = createNormalizer();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-05T07:01:00Z');

function setup(opts: { maxEntries?: number } = {}) {
  let clock = T0;
  const clusterer = createStoryClusterer({ windowMs: DAY, now: () => clock, normalizer, ...opts });
  return {
    clusterer,
    at(ms: number) {
      clock = ms;
      return ms;
    },
  };
}

const close = (day: string, sign: '涨' | '跌', sh: string, cy: string) => ({
  title: `沪指收${sign}${sh}% 创业板指${sign}${cy}%`,
  lead: `财联社${day}电，A股三大指数收盘集体${sign === '涨' ? '上涨' : '下跌'}，沪指${sign}${sh}%，创业板指${sign}${cy}%。`,
});

describe('createStoryClusterer', () => {
  it('puts reworded copies from three wires in one cluster and names the twins', () => {
    const { clusterer, at } = setup();
    const a = clusterer.add({
      id: 'a',
      source: '财联社',
      at: at(T0),
      ...close('3月5日', '涨', '0.52', '1.13'),
    });
    const b = clusterer.add({
      id: 'b',
      source: '同花顺',
      at: at(T0 + 60_000),
      title: '收评：沪指涨0.52% 创业板指涨1.13%',
      lead: '三大指数集体收涨，截至收盘，沪指涨0.52%，创业板指涨1.13%。',
    });
    const c = clusterer.add({
      id: 'c',
      source: '新浪财经',
      at: at(T0 + 5 * 60_000),
      title: 'A股收盘：沪指涨0.52%，创业板指涨1.13%',
      lead: '新浪财经讯 三大指数集体收涨，沪指涨0.52%，创业板指涨1.13%。',
    });
    expect(a).toEqual({ clusterId: 'a', isNew: true, twins: [] });
    expect(b).toMatchObject({ clusterId: 'a', isNew: false, twins: [{ id: 'a', source: '财联社' }] });
    expect(c.clusterId).toBe('a');
    expect(c.twins.map((t) => t.source)).toEqual(['财联社', '同花顺']);
  });

  it('keeps the same template with other numbers apart', () => {
    const { clusterer, at } = setup();
    clusterer.add({ id: 'up', source: '财联社', at: at(T0), ...close('3月5日', '涨', '0.52', '1.13') });
    const down = clusterer.add({
      id: 'down',
      source: '财联社',
      at: at(T0 + HOUR),
      ...close('3月5日', '跌', '1.21', '2.05'),
    });
    expect(down).toEqual({ clusterId: 'down', isNew: true, twins: [] });
  });

  it('keeps the same company on two days apart, even inside the window', () => {
    const { clusterer, at } = setup();
    clusterer.add({
      id: 'report',
      source: '财联社',
      at: at(T0),
      title: '贵州茅台：2025年净利润同比增长15.2%',
      lead: '贵州茅台公告，2025年实现营业收入1742亿元，同比增长15.8%；净利润862亿元，同比增长15.2%。',
    });
    const next = clusterer.add({
      id: 'open',
      source: '金十数据',
      at: at(T0 + 18 * HOUR),
      title: '贵州茅台股价高开2% 市值重回2.2万亿元',
      lead: '贵州茅台今日高开2%，报1756元，总市值重回2.2万亿元，此前公司发布2025年年报。',
    });
    expect(next.isNew).toBe(true);
  });

  it('forgets copies older than the window', () => {
    const { clusterer, at } = setup();
    const story = {
      title: '北向资金全天净买入58.3亿元',
      lead: '北向资金全天净买入58.3亿元，沪股通净买入31.2亿元。',
    };
    clusterer.add({ id: 'd1', source: '财联社', at: at(T0), ...story });
    expect(clusterer.add({ id: 'd1b', source: '同花顺', at: at(T0 + HOUR), ...story }).clusterId).toBe('d1');
    const later = clusterer.add({ id: 'd2', source: '财联社', at: at(T0 + DAY + 2 * HOUR), ...story });
    expect(later).toEqual({ clusterId: 'd2', isNew: true, twins: [] });
    expect(clusterer.stats()).toMatchObject({ entries: 1, clusters: 1, expired: 2 });
  });

  it('answers a repeated id with its cluster, not a new story', () => {
    const { clusterer, at } = setup();
    const item = {
      id: 'x',
      source: '财联社',
      at: at(T0),
      title: '央行开展2000亿元逆回购',
      lead: '利率1.5%。',
    };
    clusterer.add(item);
    expect(clusterer.add(item)).toEqual({ clusterId: 'x', isNew: false, twins: [] });
    expect(clusterer.stats().entries).toBe(1);
  });

  it('keeps memory bounded: never more than maxEntries, oldest out first', () => {
    const { clusterer, at } = setup({ maxEntries: 50 });
    for (let i = 0; i < 400; i++) {
      clusterer.add({
        id: `n${i}`,
        source: 's',
        at: at(T0 + i * 1000),
        title: `第${i}条快讯编号${i * 7919}`,
        lead: '',
      });
    }
    const s = clusterer.stats();
    expect(s.entries).toBeLessThanOrEqual(50);
    expect(s.clusters).toBeLessThanOrEqual(50);
    expect(s.expired).toBe(400 - s.entries);
  });

  it('does not throw on empty or odd input', () => {
    const { clusterer, at } = setup();
    expect(clusterer.add({ id: 'e', source: 's', at: at(T0), title: '', lead: '' }).isNew).toBe(true);
    expect(
      clusterer.add({ id: 'f', source: 's', at: at(T0), title: '\u0000\ud800！！', lead: '😀'.repeat(500) })
        .isNew,
    ).toBe(true);
  });
});
