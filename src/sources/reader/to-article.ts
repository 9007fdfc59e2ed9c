import { createHash } from 'node:crypto';
import type { Article } from '../../articles/types.ts';
import type { FeedRecord } from '../store/types.ts';
import type { FeedItem } from '../types.ts';

export const shortHash = (s: string, n = 12): string =>
  createHash('sha1').update(s).digest('hex').slice(0, n);

/** `feed/<feedId>/<hash of the seen key>`: stable however the feed dates or orders the item. */
const feedArticleId = (feedId: string, key: string): string => `feed/${feedId}/${shortHash(key)}`;

const TITLE_MAX = 300;

/** One feed item as an article of the archive, under the feed's category slug. */
export function itemToArticle(feed: FeedRecord, item: FeedItem, seenAt: number): Article {
  const id = feedArticleId(feed.id, item.key);
  // wires (cls 电报) often have no title: the opening words stand in, as the apps show them
  const title = item.title.trim() || firstWords(item.paragraphs[0] ?? '') || feed.title || feed.url;
  return {
    id,
    url: item.url ?? feed.siteUrl ?? feed.url,
    category: feed.slug,
    source: feed.title || feed.url,
    title,
    publishedAt: item.publishedAt !== null && item.publishedAt <= seenAt ? item.publishedAt : seenAt,
    paragraphs: item.paragraphs,
    digest: null,
    attribution: item.author,
    sourceLink: null,
    images: [],
    // a feed item is its own story: only identical ids ever collapse
    storyKey: id,
    urgent: item.urgent,
    tags: item.tags.slice(0, 20),
  };
}

function firstWords(p: string): string {
  const text = p.replace(/\s+/g, ' ').trim();
  const sentence = /^[^。！？!?]{4,}[。！？!?]/u.exec(text)?.[0] ?? text;
  const chars = Array.from(sentence);
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : chars.join('').slice(0, TITLE_MAX);
}
