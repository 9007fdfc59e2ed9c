/** The health watch's state of one source, as it is kept between polls. */
export interface SourceHealthState {
  lastNewAt: number | null;
  /** recent gaps between polls that found posts: "longer than usual" is measured on them */
  gaps: number[];
  /** consecutive polls that fetched pages but could parse none of them */
  parseStreak: number;
  alerting: 'silent' | 'unparsable' | null;
}

/** The finews site, or one feed by its id: each has its own watch. */
export type HealthSource = 'site' | { feedId: string };

/** Where the health watch keeps its state; the composition root picks the backend. */
export interface SourceHealthStore {
  get(source: HealthSource): Promise<SourceHealthState | undefined>;
  set(source: HealthSource, state: SourceHealthState): Promise<void>;
}
