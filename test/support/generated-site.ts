/**
 * A small finews made of generated pages, served by the site server: tests that need "a burst of
 * new posts" add exactly as many as they want, dated now, instead of jumping between snapshots
 * (s1 → s2 brings 28 posts, too many to fan out to hundreds of chats in a test's time).
 */
import { body, buildLists, type GenPost, postPage, postPath } from '../../bench/poll-site.ts';
import type { SiteServer } from './site-server.ts';

export type { GenPost } from '../../bench/poll-site.ts';

/** the real slug and home-page tag of finews's busiest category */
export const GEN_SLUG = 'emnews';
const TAG = '东财滚动新闻';

export interface GeneratedSite {
  readonly posts: readonly GenPost[];
  /** adds `n` posts dated now and republishes the list pages (a Jekyll build); returns them */
  add(n: number): GenPost[];
  /** whether a message link (text_link url) points at this post */
  links(url: string, post: GenPost): boolean;
}

/** Serves `initial` posts on `site` at once; the first poll archives them silently. */
export function generatedSite(site: SiteServer, initial = 5): GeneratedSite {
  const posts: GenPost[] = [];
  const files = new Map<string, string>();
  // a run-unique stem: two runs against one database must not share post ids
  const stem = String(Date.now()).slice(-8);
  let serial = 0;
  const publish = () => {
    buildLists(files, posts, [TAG], new Map([[TAG, GEN_SLUG]]));
    site.serveFiles(files, new Date());
  };
  const add = (n: number) => {
    const fresh: GenPost[] = [];
    for (let i = 0; i < n; i++) {
      serial++;
      const p: GenPost = {
        slug: GEN_SLUG,
        tag: TAG,
        code: `2026${stem}${String(serial).padStart(6, '0')}`,
        title: `生成快讯${stem}-${serial}：市场消息`,
        // a second apart, so the lists order them the same way every time
        time: Date.now() - (n - i) * 1000,
        body: body(serial, 2),
      };
      posts.push(p);
      files.set(postPath(p), postPage(p));
      fresh.push(p);
    }
    publish();
    return fresh;
  };
  add(initial);
  return { posts, add, links: (url, post) => url.includes(post.code) };
}
