/** Feeds generated in memory for tests and benchmarks (1,000 feeds × 50 items never touch the disk). */

export interface MadeItem {
  title: string;
  text?: string | undefined;
  link?: string | undefined;
  guid?: string | undefined;
  date?: Date | undefined;
  categories?: string[] | undefined;
}

export interface MakeFeedOptions {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string;
  link?: string;
  items: readonly MadeItem[];
  /** RSS <ttl> in minutes */
  ttl?: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function rss(o: MakeFeedOptions): string {
  const items = o.items.map((i) =>
    [
      '<item>',
      `<title>${esc(i.title)}</title>`,
      i.link ? `<link>${esc(i.link)}</link>` : '',
      i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : '',
      i.date ? `<pubDate>${i.date.toUTCString()}</pubDate>` : '',
      ...(i.categories ?? []).map((c) => `<category>${esc(c)}</category>`),
      i.text ? `<description>${esc(`<p>${esc(i.text)}</p>`)}</description>` : '',
      '</item>',
    ].join(''),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(o.title)}</title><link>${esc(o.link ?? 'https://example.cn/')}</link><description>${esc(o.title)}</description>${o.ttl ? `<ttl>${o.ttl}</ttl>` : ''}\n${items.join('\n')}\n</channel></rss>\n`;
}

function atom(o: MakeFeedOptions): string {
  const entries = o.items.map((i) =>
    [
      '<entry>',
      `<title>${esc(i.title)}</title>`,
      i.link ? `<link rel="alternate" href="${esc(i.link)}"/>` : '',
      `<id>${esc(i.guid ?? i.link ?? `urn:x:${i.title}`)}</id>`,
      `<updated>${(i.date ?? new Date(0)).toISOString()}</updated>`,
      ...(i.categories ?? []).map((c) => `<category term="${esc(c)}"/>`),
      i.text ? `<content type="html">${esc(`<p>${esc(i.text)}</p>`)}</content>` : '',
      '</entry>',
    ].join(''),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(o.title)}</title><id>urn:feed:${esc(o.title)}</id><updated>1970-01-01T00:00:00Z</updated><link rel="alternate" href="${esc(o.link ?? 'https://example.cn/')}"/>\n${entries.join('\n')}\n</feed>\n`;
}

function rdf(o: MakeFeedOptions): string {
  const items = o.items.map((i) =>
    [
      `<item rdf:about="${esc(i.link ?? i.guid ?? '')}">`,
      `<title>${esc(i.title)}</title>`,
      i.link ? `<link>${esc(i.link)}</link>` : '',
      i.date ? `<dc:date>${i.date.toISOString()}</dc:date>` : '',
      i.text ? `<description>${esc(i.text)}</description>` : '',
      '</item>',
    ].join(''),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="${esc(o.link ?? 'https://example.cn/')}"><title>${esc(o.title)}</title><link>${esc(o.link ?? 'https://example.cn/')}</link><description>${esc(o.title)}</description></channel>\n${items.join('\n')}\n</rdf:RDF>\n`;
}

function json(o: MakeFeedOptions): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: o.title,
    home_page_url: o.link ?? 'https://example.cn/',
    items: o.items.map((i) => ({
      id: i.guid ?? i.link ?? i.title,
      url: i.link,
      title: i.title,
      content_html: i.text ? `<p>${esc(i.text)}</p>` : undefined,
      date_published: i.date?.toISOString(),
      tags: i.categories,
    })),
  });
}

export function makeFeed(o: MakeFeedOptions): string {
  return { rss, atom, rdf, json }[o.format](o);
}
