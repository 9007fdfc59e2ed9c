import type { Deps } from '../src/deps.ts';

const DAY_MS = 86_400_000;

/** Retention: deletes articles published more than RETENTION_DAYS ago, and their search entries. */
export async function run(deps: Deps): Promise<{ removed: number }> {
  const cutoff = deps.now() - deps.config.RETENTION_DAYS * DAY_MS;
  const seqs = deps.articles.prune(cutoff);
  if (seqs.length > 0) {
    try {
      deps.search.remove(seqs);
    } catch (err) {
      deps.log.error({ err, count: seqs.length }, 'search index did not drop pruned articles');
    }
  }
  deps.log.info({ job: 'prune', removed: seqs.length, cutoff: new Date(cutoff).toISOString() }, 'prune done');
  return { removed: seqs.length };
}
