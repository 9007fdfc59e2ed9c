import type { StoredArticle } from '../articles/types.ts';

export interface SearchQuery {
  /** raw words; each must occur (after normalization) in the title or body */
  terms: readonly string[];
  categories?: readonly string[];
  /** only articles published at or after this epoch ms */
  since?: number;
  offset: number;
  limit: number;
  now: number;
}

export interface SearchHit {
  seq: number;
  inTitle: boolean;
  /** plain text around the first match, and the match ranges inside it */
  snippet: { text: string; marks: Array<[start: number, end: number]> };
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Exact substring search over the archive (FTS5 trigram + a short-query path). */
export interface SearchIndex {
  add(article: StoredArticle): void;
  /** several articles in one transaction (ingest bursts, rebuilds) */
  addMany(articles: readonly StoredArticle[]): void;
  remove(seqs: readonly number[]): void;
  search(query: SearchQuery): SearchResult;
  /** articles indexed */
  count(): number;
  /** the normalization index and queries share (NFKC, lowercase, Traditional → Simplified) */
  normalize(text: string): string;
}

/** a search as kept server-side for its paging buttons */
export interface SavedSearch {
  chat: number;
  terms: string[];
  categories: string[];
  since?: number;
  display: string;
  truncated: boolean;
}

/** Searches kept under a short random id, so paging buttons fit in 64 bytes of callback data. */
export interface SearchSessions {
  save(id: string, saved: SavedSearch): Promise<void>;
  /** undefined once expired (or never saved) */
  load(id: string): Promise<SavedSearch | undefined>;
}

/**
 * Search as the rooms that query it see it: the SQLite index through asyncify, or on
 * PostgreSQL the instance's own FTS5 replica of the shared log, brought up to date first.
 * Adding happens only inside the archive's write (src/articles/types.ts `Archive`).
 */
export interface SearchPort {
  search(query: SearchQuery): Promise<SearchResult>;
  remove(seqs: readonly number[]): Promise<void>;
  count(): Promise<number>;
}
