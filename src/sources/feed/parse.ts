import { type AnyFeed, parseFeed as parseAny } from 'feedsmith';
import type { FeedFormat, FeedItem, ParsedFeed } from '../types.ts';
import { parseFeedDate } from './dates.ts';
import { normalizeUrl, seenKey } from './seen-key.ts';
import { htmlToParagraphs, plainLine, textToParagraphs } from './text.ts';
import { isUrgent, type UrgentRule } from './urgent.ts';

/** The text is not a feed we can read (HTML page, broken XML, unknown JSON). */
export class FeedParseError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-a-feed' | 'malformed',
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}

export interface ParseFeedOptions {
  /** the wire's rule from the catalog; plain feeds have none */
  urgentRule?: UrgentRule;
}

/** One item in the shape every format is reduced to before it becomes a FeedItem. */
interface Raw {
  guid?: string | undefined;
  link?: string | undefined;
  title?: string | undefined;
  /** HTML bodies, best first (full content before a summary) */
  html: Array<string | undefined>;
  text?: string | undefined;
  date?: string | undefined;
  author?: string | undefined;
  tags: string[];
}

type Any = AnyFeed<string>;
type Person = string | { name?: string } | undefined;
const personName = (p: Person) => (typeof p === 'string' ? p : p?.name);
const names = (cs: Array<{ name?: string; term?: string; label?: string }> | undefined) =>
  (cs ?? []).map((c) => c.name ?? c.label ?? c.term ?? '').filter(Boolean);

function reduce(parsed: Any): {
  format: FeedFormat;
  title: string;
  site?: string | undefined;
  ttl?: number | undefined;
  raws: Raw[];
} {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map(
        (i): Raw => ({
          guid: i.guid?.value,
          // a permalink guid is the item's link when the feed gives no <link> (common in RSS 2.0)
          link:
            i.link ??
            (i.guid?.isPermaLink !== false && /^https?:/i.test(i.guid?.value ?? '')
              ? i.guid?.value
              : undefined),
          title: i.title,
          html: [i.content?.encoded, i.description],
          date: i.pubDate ?? i.dc?.dates?.[0],
          author: personName(i.authors?.[0]) ?? i.dc?.creators?.[0],
          tags: [...names(i.categories), ...(i.dc?.subjects ?? [])],
        }),
      );
      return { format: 'rss', title: f.title ?? '', site: f.link, ttl: f.ttl, raws };
    }
    case 'rdf': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map(
        (i): Raw => ({
          guid: i.rdf?.about,
          link: i.link,
          title: i.title,
          html: [i.content?.encoded, i.description],
          date: i.dc?.dates?.[0],
          author: i.dc?.creators?.[0],
          tags: i.dc?.subjects ?? [],
        }),
      );
      return { format: 'rdf', title: f.title ?? '', site: f.link, raws };
    }
    case 'atom': {
      const f = parsed.feed;
      const alternate = (links: Array<{ href?: string; rel?: string }> | undefined) =>
        (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
      const raws = (f.entries ?? []).map(
        (e): Raw => ({
          guid: e.id,
          link: alternate(e.links),
          title: e.title?.value,
          html: [e.content?.value, e.summary?.value],
          date: e.published ?? e.updated,
          author: e.authors?.[0]?.name,
          tags: names(e.categories),
        }),
      );
      return { format: 'atom', title: f.title?.value ?? '', site: alternate(f.links), raws };
    }
    case 'json': {
      const f = parsed.feed;
      const raws = (f.items ?? []).map(
        (i): Raw => ({
          guid: i.id,
          link: i.url ?? i.external_url,
          title: i.title,
          html: [i.content_html, i.summary],
          text: i.content_text,
          date: i.date_published ?? i.date_modified,
          author: i.authors?.[0]?.name,
          tags: i.tags ?? [],
        }),
      );
      return { format: 'json', title: f.title ?? '', site: f.home_page_url, raws };
    }
  }
}

/** Reads RSS 0.9x/2.0, RDF 1.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into FeedItems, in feed order. */
export function parseFeed(text: string, feedUrl: string, opts: ParseFeedOptions = {}): ParsedFeed {
  let parsed: Any;
  try {
    parsed = parseAny<string>(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const malformed = (err as Error).name === 'MalformedError';
    throw new FeedParseError(
      malformed ? 'the feed is not well-formed XML or JSON' : 'not an RSS, Atom or JSON feed',
      malformed ? 'malformed' : 'not-a-feed',
    );
  }
  const feed = reduce(parsed);
  const title = plainLine(feed.title);
  const items: FeedItem[] = [];
  for (const raw of feed.raws) {
    const body = raw.html.find((h) => h?.trim());
    const html = body ?? '';
    const paragraphs = body ? htmlToParagraphs(body) : raw.text ? textToParagraphs(raw.text) : [];
    const itemTitle = plainLine(raw.title);
    if (!itemTitle && paragraphs.length === 0) continue;
    const url = raw.link ? normalizeUrl(raw.link, feedUrl) : null;
    const tags = [...new Set(raw.tags.map((t) => t.trim()).filter(Boolean))];
    items.push({
      key: seenKey({ guid: raw.guid, link: url, title: raw.title, date: raw.date }),
      url,
      title: itemTitle,
      paragraphs,
      publishedAt: parseFeedDate(raw.date),
      author: raw.author?.trim() || null,
      tags,
      urgent: isUrgent(
        opts.urgentRule,
        { feedUrl, feedTitle: title },
        { title: itemTitle, categories: tags, html },
      ),
    });
  }
  const ttl = Number(feed.ttl);
  return {
    format: feed.format,
    title,
    siteUrl: feed.site ? normalizeUrl(feed.site, feedUrl) : null,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items,
  };
}
