import { type CheerioAPI, load } from 'cheerio';
import { hrefToPath, type PostPath, parsePostPath } from './paths.ts';
import { sourceFromTag } from './source-name.ts';

/**
 * The page's own content. Every page's og:description holds raw, unescaped HTML whose quotes
 * end the attribute early, so the parser spills stray `<p>`/`<a>` from the head into the
 * body; reading only the wrapper's `<section>` keeps those out.
 */
export function mainSection($: CheerioAPI) {
  const wrapped = $('div.wrapper > section');
  return wrapped.length ? wrapped.first() : $('section').last();
}

/**
 * List pages are big (the live home page lists ~2,000 tags) and plain: htmlparser2 reads them
 * about twice as fast as the spec parser and keeps the same `<section>`.
 */
const loadList = (html: string) => load(html, { xml: { xmlMode: false, decodeEntities: true } });

function postLinks($: CheerioAPI, scope: ReturnType<CheerioAPI>): PostPath[] {
  const seen = new Set<string>();
  const out: PostPath[] = [];
  scope.find('li a[href]').each((_, a) => {
    const path = hrefToPath($(a).attr('href') ?? '');
    const post = path ? parsePostPath(path) : null;
    if (post && !seen.has(post.id)) {
      seen.add(post.id);
      out.push(post);
    }
  });
  return out;
}

export interface HomeTag {
  /** the heading, e.g. 四川日报新闻 */
  tag: string;
  source: string;
  /** the newest posts of the tag, newest first (at most 5 on the live site) */
  posts: PostPath[];
}

/** Home page: one `<h2>` per tag, followed by a `<ul>` of its newest posts. */
export function parseHome(html: string): HomeTag[] {
  const $ = loadList(html);
  const out: HomeTag[] = [];
  let current: HomeTag | null = null;
  // one pass over the section's children: `nextUntil` per heading is quadratic on 2,000 tags
  for (const el of mainSection($).children().toArray()) {
    if (el.tagName === 'h2') {
      const tag = $(el).text().replace(/\s+/g, ' ').trim();
      current = { tag, source: sourceFromTag(tag), posts: [] };
      out.push(current);
    } else if (el.tagName === 'ul' && current) {
      current.posts.push(...postLinks($, $(el)));
    }
  }
  return out;
}

/** Category page: every current post as `<li><a>`; its title and `<h2>` are unreliable and ignored. */
export function parseCategory(html: string): PostPath[] {
  const $ = loadList(html);
  return postLinks($, mainSection($));
}

export interface FeedEntry {
  post: PostPath;
  title: string;
  published: string;
}

/** feed.xml (Atom, the 10 newest posts); links point at the production host, so only the path is kept. */
export function parseFeed(xml: string): FeedEntry[] {
  const $ = load(xml, { xml: true });
  const out: FeedEntry[] = [];
  $('entry').each((_, e) => {
    const entry = $(e);
    const link = entry.find('link[rel="alternate"]').attr('href') ?? entry.find('link').attr('href') ?? '';
    const path = hrefToPath(link);
    const post = path ? parsePostPath(path) : null;
    if (!post) return;
    out.push({
      post,
      title: entry.find('title').first().text().trim(),
      published: entry.find('published').text().trim(),
    });
  });
  return out;
}
