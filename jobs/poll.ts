import type { Deps } from '../src/deps.ts';
import { pollFinews } from '../src/sources/finews/poll.ts';
import type { PollReport } from '../src/sources/finews/state.ts';

/** One finews poll tick (the logic lives in the source seam, src/sources/finews). */
export function run(deps: Deps): Promise<PollReport> {
  return pollFinews(deps);
}
