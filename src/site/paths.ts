/**
 * Site paths. Inside the bot a path is kept decoded (`/category/21shijijingjibaodao 21caijingAPP.html`)
 * so ids stay readable and stable; it is encoded segment by segment only when it goes on the wire.
 */

const POST_PATH = /^\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([^/]+)\.html$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/a b/(c).html` → `/a%20b/(c).html`; every segment encoded, so no slug can add a path level or a query */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * Turns an href found on a page (relative, protocol-relative, or absolute on any host: feed.xml
 * links to the production host) into a decoded site path, or null when it is not a site path.
 */
export function hrefToPath(href: string): string | null {
  const raw = href.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://site.invalid/');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const segments = url.pathname.split('/').map(safeDecode);
  if (segments.some((s) => s.includes('/'))) return null;
  return segments.join('/');
}

export interface PostPath {
  /** decoded, with leading slash and .html */
  path: string;
  /** the path without leading slash and extension: the article id */
  id: string;
  category: string;
  /** the file name without .html: `NW202203152308494336` */
  code: string;
}

/** Recognises `/<slug>/<yyyy>/<mm>/<dd>/<name>.html`; everything else is not a post. */
export function parsePostPath(path: string): PostPath | null {
  const m = POST_PATH.exec(path);
  if (!m) return null;
  const category = m[1]!;
  if (category === 'category' || category === 'assets') return null;
  return { path, id: path.slice(1, -'.html'.length), category, code: m[5]! };
}

/**
 * The post path a saved page's file path ends with (`…/sichuanribao/2022/03/15/NW….html`), so a
 * post saved to disk parses as it would from the site; null when the file name is no post's.
 */
export function postPathAtEnd(file: string): string | null {
  const tail = /\/[^/]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.html$/.exec(file.replace(/\\/g, '/'))?.[0];
  return tail ?? null;
}

/** the home page: each source's newest posts under its heading */
export const HOME_PATH = '/';
/** the Atom feed of the site's newest posts */
export const FEED_PATH = '/feed.xml';

export function categoryPath(slug: string): string {
  return `/category/${slug}.html`;
}

/** `/<slug>/<yyyy>/<mm>/<dd>/<code>.html` for a post published on `date` (YYYY-MM-DD, site time) */
export function postPath(category: string, date: string, code: string): string {
  return `/${category}/${date.replaceAll('-', '/')}/${code}.html`;
}

/** the path of an article id (a post path without its slash and extension) */
export function postPathFromId(id: string): string {
  return `/${id}.html`;
}
