import type { OutboxKind } from './types.ts';

/** Rows and payloads of the outbox table (see schema.ts). */
export type RowStatus = 'pending' | 'sending' | 'merged' | 'sent' | 'dropped' | 'failed';

export interface OutboxRow {
  id: number;
  chat_id: number;
  item_key: string;
  kind: OutboxKind;
  payload: string;
  status: RowStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  published_at: number | null;
}

export interface ArticlePayload {
  story: string;
  seq: number;
  /** a break-through: 🔴 urgent item or 🔔 watchlist hit (sent even in digest mode or quiet hours) */
  mark?: 'urgent' | 'watch';
  /** the watched words found, shown in bold */
  terms?: string[];
  /** held back by quiet hours: at their end the chat's backlog goes out as one catch-up */
  held?: 1;
  /** a later copy of a story: the key of the row whose sent message this edits */
  edit?: string;
  /** sources carrying the story, for the edited message's 另见 line */
  also?: string[];
}
export interface DigestPayload {
  html: string;
  slot: string;
  part: number;
  parts: number;
  /** articles.seq the chat's digest cursor moves to once every part is delivered */
  cursor: number;
}
export interface RollupPayload {
  items: ArticlePayload[];
  /** the catch-up after quiet hours */
  catchUp?: boolean;
}
