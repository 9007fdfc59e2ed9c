import type { Validators } from '../types.ts';

export type FeedKind = 'feed' | 'wire';

/** One feed or wire the bot reads, shared by every chat subscribed to it. */
export interface FeedRecord {
  /** short hash of the URL for feeds, the catalog key for wires (`cls`) */
  id: string;
  /** the category slug subscriptions, /latest, /search and digests use: `feed-<id>`, `wire-<id>` */
  slug: string;
  kind: FeedKind;
  url: string;
  /** the feed's own title ('' until read) */
  title: string;
  siteUrl: string | null;
  validators: Validators;
  /** epoch ms before which the feed is not read again */
  nextDueAt: number;
  /** consecutive failed reads (the backoff exponent) */
  failures: number;
  /** consecutive good reads that held no items at all */
  emptyReads: number;
  lastOkAt: number | null;
  lastNewAt: number | null;
  lastError: string | null;
  /** false until a first read stored what was already there, silently */
  initialized: boolean;
  createdAt: number;
}

export type NewFeed = Pick<FeedRecord, 'id' | 'slug' | 'kind' | 'url'> &
  Partial<Pick<FeedRecord, 'title' | 'siteUrl'>>;

export interface ReadOutcome {
  at: number;
  validators: Validators;
  nextDueAt: number;
  title?: string;
  siteUrl?: string | null;
  /** items the feed held (0 and not-modified differ: only a parsed empty feed counts as empty) */
  items: number | 'not-modified';
  newItems: number;
}

/** Feed state: what to read when, validators, backoff, and the seen keys. */
export interface FeedStore {
  /** creates the feed unless its id exists; returns the stored record either way */
  add(feed: NewFeed, now: number): FeedRecord;
  get(id: string): FeedRecord | undefined;
  bySlug(slug: string): FeedRecord | undefined;
  byUrl(url: string): FeedRecord | undefined;
  all(): FeedRecord[];
  count(kind?: FeedKind): number;
  /** feeds with nextDueAt ≤ now, most overdue first */
  due(now: number, limit: number): FeedRecord[];
  recordOk(id: string, r: ReadOutcome): void;
  recordError(id: string, r: { at: number; error: string; nextDueAt: number }): void;
  /** nobody reads it: not fetched until `until`, and the next read is a silent first read again */
  park(id: string, until: number): void;
  markInitialized(id: string): void;
  /** the operator moved RSSHUB_URL: the wire is read from there, validators forgotten */
  moveUrl(id: string, url: string): void;
  /** the keys among these that were never seen */
  unseen(id: string, keys: readonly string[]): string[];
  /** records keys as seen now (new or still present), so they outlive their items' presence */
  see(id: string, keys: readonly string[], now: number): void;
  /** a 304 proves every item is still there: refresh them all */
  touchAll(id: string, now: number): void;
  /** forgets keys not seen since the cutoff; returns how many */
  forget(id: string, seenBefore: number): number;
}
