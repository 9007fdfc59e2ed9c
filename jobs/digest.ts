import type { Deps } from '../src/deps.ts';

/** Every minute (node-cron, wired by the app): queues the digests due now in each chat's zone. */
export async function run(deps: Deps): Promise<number> {
  const log = deps.log.child({ job: 'digest' });
  const queued = await deps.delivery.runDigests(deps.now());
  if (queued) log.info({ queued }, 'digests queued');
  return queued;
}
