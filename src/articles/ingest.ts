import type { Deps } from '../deps.ts';
import type { FetchedPost } from '../site/fetch-posts.ts';
import { sourceFromTag } from '../site/source-name.ts';
import type { StoredArticle } from './types.ts';

export type IngestDeps = Pick<Deps, 'archive' | 'registry' | 'summarizer' | 'config' | 'log'>;

function summaryOf(deps: IngestDeps, post: FetchedPost): string {
  const a = post.article;
  try {
    return deps.summarizer.summarize(
      { title: a.title, paragraphs: a.paragraphs, digest: a.digest },
      { budget: deps.config.SUMMARY_BUDGET },
    ).summary;
  } catch (err) {
    // a summarizer bug must not cost the article: store it with its opening instead
    deps.log.error({ err, id: a.id }, 'summarizer failed; storing the first paragraph');
    return (a.paragraphs[0] ?? a.title).slice(0, deps.config.SUMMARY_BUDGET);
  }
}

/**
 * Stores and indexes a batch (already in publish order) in one transaction, then teaches the
 * registry. Returns only the articles this call inserted, oldest first.
 */
export async function storeBatch(
  deps: IngestDeps,
  posts: readonly FetchedPost[],
  now: number,
): Promise<StoredArticle[]> {
  const items = posts.map((post) => ({
    // a page without its tags line still gets the name the home page taught the registry
    article: post.article.source
      ? post.article
      : { ...post.article, source: deps.registry.get(post.article.category)?.source ?? '' },
    summary: summaryOf(deps, post),
  }));
  const stored = await deps.archive.insertMany(items, now);
  const inserted: StoredArticle[] = [];
  const perCategory = new Map<string, { n: number; tag: string; source: string }>();
  for (const [i, post] of posts.entries()) {
    const c = perCategory.get(post.article.category) ?? { n: 0, tag: '', source: '' };
    const r = stored[i];
    if (r?.inserted) {
      inserted.push(r.article);
      c.n++;
    }
    c.tag ||= post.tag;
    c.source ||= post.article.source || (post.tag ? sourceFromTag(post.tag) : '');
    perCategory.set(post.article.category, c);
  }
  for (const [slug, c] of perCategory) {
    deps.registry.observe({ slug, source: c.source, tag: c.tag, seenAt: now, newPosts: c.n });
  }
  return inserted;
}
