import type { Article } from '../articles/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { parsePost } from './parse-post.ts';
import type { PostPath } from './paths.ts';
import type { SiteClient } from './types.ts';

export interface FetchedPost {
  article: Article;
  /** the page's tag, e.g. 四川日报新闻 ('' when the page has none) */
  tag: string;
}

export interface PostFailure {
  post: PostPath;
  reason: string;
}

/**
 * Fetches each post page once (the client bounds concurrency and retries network errors and
 * 5xx) and parses it. Nothing here throws: every failure comes back with a reason, is logged
 * and counted, so the caller can retry it on a later tick.
 */
export async function fetchPosts(
  deps: { site: SiteClient; log: Logger; metrics: Pick<Metrics, 'parseFailures'> },
  posts: readonly PostPath[],
  opts: { siteUrl: string; fetchedAt: number; onProgress?: (done: number, total: number) => void },
): Promise<{ fetched: FetchedPost[]; failed: PostFailure[] }> {
  const fetched: FetchedPost[] = [];
  const failed: PostFailure[] = [];
  let done = 0;
  await Promise.all(
    posts.map(async (post) => {
      try {
        const res = await deps.site.get(post.path, { conditional: false });
        if (res.status !== 200) {
          failed.push({ post, reason: `http-${res.status}` });
          deps.log.warn({ path: post.path, status: res.status }, 'post page not available');
          return;
        }
        const parsed = parsePost(res.body, {
          path: post.path,
          siteUrl: opts.siteUrl,
          fetchedAt: opts.fetchedAt,
        });
        if (!parsed.ok) {
          deps.metrics.parseFailures.inc({ reason: parsed.reason });
          failed.push({ post, reason: parsed.reason });
          deps.log.warn({ path: post.path, reason: parsed.reason }, parsed.message);
          return;
        }
        if (parsed.zoneFix !== 'none') {
          deps.log.debug({ path: post.path, fix: parsed.zoneFix }, 'zone-less date moved back 8 hours');
        }
        fetched.push({ article: parsed.article, tag: parsed.tag });
      } catch (err) {
        const kind = (err as { kind?: string }).kind ?? 'error';
        failed.push({ post, reason: kind });
        deps.log.warn({ path: post.path, err: (err as Error).message }, 'post page fetch failed');
      } finally {
        done++;
        opts.onProgress?.(done, posts.length);
      }
    }),
  );
  // publish order (then id) so the archive's seq follows publish time within a batch
  fetched.sort(
    (a, b) => a.article.publishedAt - b.article.publishedAt || a.article.id.localeCompare(b.article.id),
  );
  return { fetched, failed };
}
