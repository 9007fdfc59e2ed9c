import type { Deps } from '../src/deps.ts';

const DAY_MS = 86_400_000;

/**
 * Retention: deletes articles published more than RETENTION_DAYS ago, their search entries,
 * and the finished outbox rows of the same age.
 */
export async function run(deps: Deps): Promise<{ removed: number; outboxRows: number }> {
  const cutoff = deps.now() - deps.config.RETENTION_DAYS * DAY_MS;
  const seqs = await deps.articles.prune(cutoff);
  if (seqs.length > 0) {
    try {
      await deps.search.remove(seqs);
    } catch (err) {
      deps.log.error({ err, count: seqs.length }, 'search index did not drop pruned articles');
    }
  }
  const outboxRows = await deps.delivery.prune(cutoff);
  deps.log.info(
    { job: 'prune', removed: seqs.length, outboxRows, cutoff: new Date(cutoff).toISOString() },
    'prune done',
  );
  return { removed: seqs.length, outboxRows };
}
