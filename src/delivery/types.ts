import type { StoredArticle } from '../articles/types.ts';

/** What the site reader hands over: genuinely new articles, already stored. */
export interface ArticleSink {
  onNewArticles(articles: readonly StoredArticle[]): Promise<void>;
}

export interface OutboxStats {
  pending: number;
  /** claimed by the sender, not yet answered */
  sending: number;
  /** folded into a rollup that is not sent yet */
  merged: number;
  sent: number;
  dropped: number;
  failed: number;
}

export type OutboxKind = 'article' | 'digest' | 'rollup';

/** One message-to-be for one chat; `key` is unique per chat, so queuing it twice is a no-op. */
export interface OutboxItem {
  chatId: number;
  key: string;
  kind: OutboxKind;
  payload: unknown;
  /** when the post appeared (delivery lag is measured from it) */
  publishedAt?: number | null;
}

/**
 * The delivery boundary. The SQLite outbox implements it now; a Redis/BullMQ one can
 * replace it without touching commands or jobs.
 */
export interface Delivery extends ArticleSink {
  /** digest job entry: builds and queues the digests that are due at `now` (or forced for one chat) */
  runDigests(now: number, force?: { chatId: number }): Promise<number>;
  /** queues items (idempotent per chat and key); returns how many were new */
  enqueue(items: readonly OutboxItem[]): Promise<number>;
  /** starts the sender loop; returns at once */
  start(): void;
  /** stops the sender loop after in-flight sends settle */
  stop(): Promise<void>;
  /** resolves when nothing is pending or due (tests, graceful stop) */
  drain(timeoutMs?: number): Promise<void>;
  stats(): Promise<OutboxStats>;
  /** forgets finished rows (sent, dropped, failed) created before the cutoff; returns how many */
  prune(before: number): Promise<number>;
}
