import type { StoredArticle } from '../articles/types.ts';
import {
  createStoryFeaturizer,
  DEFAULT_NEAR_DUPLICATE,
  isSameStory,
  STORY_WINDOW_MS,
} from '../match/index.ts';
import type { Normalizer } from './normalize.ts';

/**
 * One story once in a page of hits: a later copy of a story already listed (another wire or
 * category rewording the same flash, by the match room's near-duplicate rule) is folded into
 * the first, which then names every source that carried it. Order is kept; returns data only.
 */
export function collapseStories<T extends { article: StoredArticle }>(
  items: readonly T[],
  normalizer: Pick<Normalizer, 'normalize'>,
): Array<T & { alsoIn: string[] }> {
  if (items.length < 2) return items.map((x) => ({ ...x, alsoIn: [] }));
  const featurizer = createStoryFeaturizer({ normalizer });
  const opts = { threshold: DEFAULT_NEAR_DUPLICATE.threshold, windowMs: STORY_WINDOW_MS };
  const sourceOf = (a: StoredArticle) => a.source || a.category;
  const kept: Array<{ item: T & { alsoIn: string[] }; f: ReturnType<typeof featurizer.features> }> = [];
  for (const item of items) {
    const a = item.article;
    const f = featurizer.features({
      id: a.id,
      title: a.title,
      lead: a.summary || (a.paragraphs[0] ?? ''),
      at: a.publishedAt,
      source: sourceOf(a),
    });
    const first = kept.find((k) => isSameStory(k.f, f, opts));
    if (!first) kept.push({ item: { ...item, alsoIn: [] }, f });
    else if (sourceOf(a) !== sourceOf(first.item.article) && !first.item.alsoIn.includes(sourceOf(a)))
      first.item.alsoIn.push(sourceOf(a));
  }
  return kept.map((k) => k.item);
}
