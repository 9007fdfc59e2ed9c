import type { Deps } from '../src/deps.ts';
import { type FeedCycleReport, runFeedCycle } from '../src/sources/reader/cycle.ts';
import type { FeedRead } from '../src/sources/reader/read-feed.ts';

/** One feed tick: every due feed and wire (the logic lives in src/sources/reader). */
export function run(deps: Deps, onRead?: (r: FeedRead) => Promise<void>): Promise<FeedCycleReport> {
  return runFeedCycle(deps, onRead);
}
