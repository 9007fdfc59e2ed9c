import { generateOpml, parseOpml as parseOpmlDoc } from 'feedsmith';
import { FeedParseError } from './parse.ts';

export interface OpmlFeed {
  title: string;
  url: string;
}

/** An OPML 2.0 document listing the feeds (what /export sends). */
export function toOpml(feeds: readonly OpmlFeed[], title = 'kuaixun'): string {
  return generateOpml({
    head: { title },
    body: {
      outlines: feeds.map((f) => ({
        text: f.title || f.url,
        title: f.title || f.url,
        type: 'rss',
        xmlUrl: f.url,
      })),
    },
  });
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

/** Every feed in an OPML file, folders flattened, in document order, each URL once. */
export function parseOpml(text: string): OpmlFeed[] {
  let doc: ReturnType<typeof parseOpmlDoc>;
  try {
    doc = parseOpmlDoc(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new FeedParseError('not an OPML file', 'not-a-feed');
  }
  const out: OpmlFeed[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined) => {
    for (const o of outlines ?? []) {
      const url = o.xmlUrl?.trim();
      if (url && !seen.has(url)) {
        seen.add(url);
        out.push({ title: (o.title ?? o.text ?? '').trim(), url });
      }
      walk(o.outlines);
    }
  };
  walk(doc.body?.outlines as Outline[] | undefined);
  return out;
}
