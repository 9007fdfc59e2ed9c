import { createHash } from 'node:crypto';

/** Tracking parameters that differ between two links to the same item. */
const TRACKING = /^(utm_[a-z_]+|spm|from|fbclid|gclid)$/i;

/**
 * A URL in the one form two spellings of the same link share: lower-case scheme and host
 * (URL does that), no default port, no fragment, no tracking parameters. Null when not a URL.
 */
export function normalizeUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  return url.href;
}

export interface KeyParts {
  guid?: string | null | undefined;
  link?: string | null | undefined;
  title?: string | null | undefined;
  /** the raw date text as the feed gave it */
  date?: string | null | undefined;
}

/**
 * The key a feed item is remembered by, so a re-ordered feed or an item re-published with a
 * new date is never pushed twice: the guid (feeds promise it is stable), else the link, else
 * a hash of title and date. The date is only used when there is nothing better.
 */
export function seenKey(item: KeyParts): string {
  const guid = item.guid?.trim();
  if (guid) {
    const asUrl = /^https?:\/\//i.test(guid) ? normalizeUrl(guid) : null;
    return `g:${asUrl ?? guid}`;
  }
  const link = item.link ? normalizeUrl(item.link) : null;
  if (link) return `l:${link}`;
  const hash = createHash('sha1')
    .update(`${(item.title ?? '').trim()}\n${(item.date ?? '').trim()}`)
    .digest('hex');
  return `h:${hash}`;
}
