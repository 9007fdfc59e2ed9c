import type { StoredArticle } from '../articles/types.ts';

/** What the site reader hands over: genuinely new articles, already stored. */
export interface ArticleSink {
  onNewArticles(articles: readonly StoredArticle[]): Promise<void>;
}

export interface OutboxStats {
  pending: number;
  sent: number;
  dropped: number;
  failed: number;
}

/**
 * The delivery boundary. The SQLite outbox implements it now; a Redis/BullMQ one can
 * replace it without touching commands or jobs.
 */
export interface Delivery extends ArticleSink {
  /** digest job entry: builds and queues the digests that are due at `now` (or forced for one chat) */
  runDigests(now: number, force?: { chatId: number }): Promise<number>;
  /** starts the sender loop; returns at once */
  start(): void;
  /** stops the sender loop after in-flight sends settle */
  stop(): Promise<void>;
  /** resolves when nothing is pending or due (tests, graceful stop) */
  drain(timeoutMs?: number): Promise<void>;
  stats(): Promise<OutboxStats>;
}
