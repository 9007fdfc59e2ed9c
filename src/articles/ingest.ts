import type { Deps } from '../deps.ts';
import type { FetchedPost } from '../site/fetch-posts.ts';
import { sourceFromTag } from '../site/source-name.ts';
import type { StoredArticle } from './types.ts';

export type IngestDeps = Pick<
  Deps,
  'articles' | 'registry' | 'summarizer' | 'search' | 'config' | 'log' | 'transactions'
>;

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
export function storeBatch(deps: IngestDeps, posts: readonly FetchedPost[], now: number): StoredArticle[] {
  const withSummary = posts.map((p) => ({ post: p, summary: summaryOf(deps, p) }));
  const inserted: StoredArticle[] = [];
  const perCategory = new Map<string, { n: number; tag: string; source: string }>();
  const run = () => {
    for (const { post, summary } of withSummary) {
      // a page without its tags line still gets the name the home page taught the registry
      const a = post.article.source
        ? post.article
        : { ...post.article, source: deps.registry.get(post.article.category)?.source ?? '' };
      const r = deps.articles.insert(a, summary, now);
      const c = perCategory.get(post.article.category) ?? { n: 0, tag: '', source: '' };
      if (r.inserted) {
        inserted.push(r.article);
        c.n++;
        // indexed in the same transaction: a crash can't leave an archived article unsearchable
        try {
          deps.search.add(r.article);
        } catch (err) {
          // SQLite errors (disk full, busy) may already have rolled the transaction back: fail the
          // whole batch so it is retried intact; a bug in the indexer itself must not cost the article
          if (String((err as { code?: unknown }).code).startsWith('SQLITE_') || !deps.transactions.active())
            throw err;
          deps.log.error({ err, seq: r.article.seq }, 'search index add failed');
        }
      }
      c.tag ||= post.tag;
      c.source ||= post.article.source || (post.tag ? sourceFromTag(post.tag) : '');
      perCategory.set(post.article.category, c);
    }
  };
  deps.transactions.run(run);
  for (const [slug, c] of perCategory) {
    deps.registry.observe({ slug, source: c.source, tag: c.tag, seenAt: now, newPosts: c.n });
  }
  return inserted;
}
