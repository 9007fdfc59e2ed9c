import type Keyv from 'keyv';
import { POLL_STATE_KEY } from '../../storage/keys.ts';

/** What one finews poll tick did; source health and /stats read it. */
export interface PollReport {
  requests: number;
  bytes: number;
  /** new post links discovered (plus retries) */
  found: number;
  stored: number;
  failed: number;
  gapFill: boolean;
  ms: number;
  outcome: 'ok' | 'partial' | 'site-down' | 'skipped' | 'error';
  /** true on the very first run: stored without announcing */
  firstRun: boolean;
}

export interface PollState {
  initialized: boolean;
  lastSuccessAt: number | null;
  /** post paths that failed, with attempts so far: retried every tick until stored or given up */
  retry: Record<string, number>;
  /** retried paths that were already on the site at the first run: stored later, never announced */
  silent: string[];
  /** set while a tick runs: still set at the next tick means it crashed after reading list pages */
  inProgress: boolean;
  /**
   * articles.seq up to which new articles were handed to delivery. Storing and fan-out are two
   * transactions; a crash between them is caught up from here on the next tick (the outbox's
   * unique keys make a repeated hand-over harmless). null: set it to the archive's end.
   */
  announcedThrough: number | null;
}

/** The finews reader's state, behind a typed store instead of raw kv reads scattered around. */
export interface PollStateStore {
  load(): Promise<PollState>;
  save(state: PollState): Promise<void>;
}

/** the kv key, unchanged since poll state lived in jobs/poll.ts, so an upgrade keeps its state */
export { POLL_STATE_KEY };

/** The poll state on keyv (SQLite by default; the backend follows STORAGE_URL). */
export function createPollStateStore(kv: Keyv): PollStateStore {
  return {
    async load() {
      const s = (await kv.get<PollState>(POLL_STATE_KEY)) ?? undefined;
      return {
        initialized: s?.initialized ?? false,
        lastSuccessAt: s?.lastSuccessAt ?? null,
        retry: s?.retry ?? {},
        silent: s?.silent ?? [],
        inProgress: s?.inProgress ?? false,
        announcedThrough: s?.announcedThrough ?? null,
      };
    },
    async save(state) {
      await kv.set(POLL_STATE_KEY, state);
    },
  };
}

/** Shorthand for readers that only have deps at hand (tests, /stats). */
export const loadPollState = (deps: { pollState: PollStateStore }): Promise<PollState> =>
  deps.pollState.load();
