import { type MadeItem, makeFeed } from '../test/support/make-feed.ts';

export const ITEMS = 50;

export const guidOf = (f: number, n: number): string => `f${f}-${n}`;

const item = (f: number, n: number): MadeItem => ({
  title: `第${f}号源的第${n}条消息：央行公开市场操作与流动性`,
  text: `<p>第${n}条正文，关于市场与政策的若干说明。</p><p>第二段提供更多细节，便于摘要挑选句子。</p>`,
  link: `https://feed${f}.example.cn/posts/${n}`,
  guid: guidOf(f, n),
  date: new Date(Date.UTC(2026, 0, 1) + n * 60_000),
});

/** Feed f as an RSS document of the 50 items ending at `top` (newest first). */
export function feedBody(f: number, top: number): string {
  const items = Array.from({ length: ITEMS }, (_, k) => item(f, top - k));
  return makeFeed({ format: 'rss', title: `源${f}`, link: `https://feed${f}.example.cn/`, items });
}
