import type { AsyncArticleStore, StoredArticle } from '../articles/types.ts';

export const LATEST_MAX = 20;

/** The newest n articles, newest first, one per story (twins of a story appear once). */
export async function newestStories(
  articles: Pick<AsyncArticleStore, 'latest'>,
  categories: readonly string[] | undefined,
  n: number,
): Promise<StoredArticle[]> {
  const rows = await articles.latest({ ...(categories ? { categories } : {}), limit: n * 3 });
  const seen = new Set<string>();
  const out: StoredArticle[] = [];
  for (const a of rows) {
    if (seen.has(a.storyKey)) continue;
    seen.add(a.storyKey);
    out.push(a);
    if (out.length === n) break;
  }
  return out;
}
