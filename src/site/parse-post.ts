import { load } from 'cheerio';
import { storyKeyOf } from '../articles/story-key.ts';
import type { Article } from '../articles/types.ts';
import { cleanBody } from './clean-body.ts';
import { mainSection } from './parse-lists.ts';
import { encodePath, parsePostPath } from './paths.ts';
import { correctZoneless, parseShanghaiTime, RELATIVE_BACK_LINK, type ZoneFix } from './post-time.ts';
import { sourceFromTag } from './source-name.ts';

export type ParseFailureReason = 'not-a-post-path' | 'no-section' | 'no-title' | 'no-date' | 'bad-date';

export type PostParse =
  | { ok: true; article: Article; tag: string; zoneFix: ZoneFix }
  | { ok: false; reason: ParseFailureReason; message: string };

const fail = (reason: ParseFailureReason, message: string): PostParse => ({ ok: false, reason, message });
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A post page → Article. Reads only the page's `<section>`: the date `<small>`, the `<h1>`,
 * the body, and the `tags:` `<small>`; never the head (og:description is a raw copy of the body).
 */
export function parsePost(
  html: string,
  opts: { path: string; siteUrl: string; fetchedAt?: number | undefined },
): PostParse {
  const post = parsePostPath(opts.path);
  if (!post) return fail('not-a-post-path', `not a post path: ${opts.path}`);
  const $ = load(html);
  const section = mainSection($);
  if (!section.length) return fail('no-section', 'the page has no content section');

  const smalls = section.children('small');
  const dateSmall = smalls.filter((_, s) => /^\s*\(GMT/.test($(s).text())).first();
  const tagSmall = smalls.filter((_, s) => /^\s*tags\s*:/.test($(s).text())).last();
  const h1 = section.children('h1').first();
  const title = squash(h1.text());
  if (!title) return fail('no-title', 'the post has no title');
  if (!dateSmall.length || !/\d{4}-\d/.test(dateSmall.text())) return fail('no-date', 'the post has no date');
  const shown = parseShanghaiTime(dateSmall.text());
  if (shown === null) return fail('bad-date', `unreadable date: ${squash(dateSmall.text()).slice(0, 60)}`);

  const tag = squash(tagSmall.find('em').first().text());
  dateSmall.remove();
  h1.remove();
  tagSmall.remove();
  const bodyHtml = section.html() ?? '';
  const body = cleanBody(bodyHtml);
  const time = correctZoneless(shown, {
    relativeBackLinks: RELATIVE_BACK_LINK.test(bodyHtml),
    fetchedAt: opts.fetchedAt,
  });

  const article: Article = {
    id: post.id,
    url: `${opts.siteUrl.replace(/\/+$/, '')}${encodePath(post.path)}`,
    category: post.category,
    source: tag ? sourceFromTag(tag) : '',
    title,
    publishedAt: time.publishedAt,
    paragraphs: body.paragraphs,
    digest: body.digest,
    attribution: body.attribution,
    sourceLink: body.sourceLink,
    images: body.images,
    storyKey: storyKeyOf(post.code, post.category),
    ...(shown !== time.publishedAt ? { shownAt: shown } : {}),
  };
  return { ok: true, article, tag, zoneFix: time.fix };
}
