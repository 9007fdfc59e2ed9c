/**
 * npx tsx bench/feed-parse.ts — the parser choice in src/sources/feed/README.md: one 50-item
 * RSS feed parsed by fast-xml-parser alone (the floor: XML to objects, nothing normalised),
 * by feedsmith (every format, typed fields) and by our parseFeed (feedsmith plus cheerio text,
 * dates and seen keys). Ratios are against the fast-xml-parser floor measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed as feedsmith } from 'feedsmith';
import { parseFeed } from '../src/sources/feed/parse.ts';
import { makeFeed } from '../test/support/make-feed.ts';

const xml = makeFeed({
  format: 'rss',
  title: '基准订阅源',
  items: Array.from({ length: 50 }, (_, i) => ({
    title: `快讯标题 ${i}：央行开展公开市场操作`,
    text: `正文第 ${i} 条。沪深两市成交额突破万亿元，北向资金净流入，券商板块走强。`.repeat(4),
    link: `https://wire.example.cn/n/${i}`,
    guid: `wire-${i}`,
    date: new Date(Date.UTC(2026, 11, 6, 2, i)),
    categories: ['A股', '宏观'],
  })),
});

function time(label: string, fn: () => unknown, rounds = 400): number {
  for (let i = 0; i < 50; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  const ms = (performance.now() - t0) / rounds;
  console.log(`${label.padEnd(28)} ${ms.toFixed(3)} ms/feed`);
  return ms;
}

const fxp = new XMLParser({ ignoreAttributes: false });
console.log(`one RSS 2.0 feed, 50 items, ${(Buffer.byteLength(xml) / 1024).toFixed(1)} KB`);
const floor = time('fast-xml-parser (raw)', () => fxp.parse(xml));
const fs = time('feedsmith parseFeed', () => feedsmith(xml));
const ours = time('kuaixun parseFeed', () => parseFeed(xml, 'https://wire.example.cn/feed'));
console.log(
  `ratios vs fast-xml-parser: feedsmith ${(fs / floor).toFixed(2)}×, ours ${(ours / floor).toFixed(2)}×`,
);
