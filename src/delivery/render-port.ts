import type { StoredArticle } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';

/**
 * The seam between delivery and the presentation room. Delivery decides who gets which story
 * and when, and resolves an outbox row into data; the words and markup come from a renderer the
 * composition root passes in, so this room never builds Telegram HTML itself.
 */

/** Why a story is pushed out of the ordinary: 🔴 urgent or 🔔 a watchlist hit. */
export interface PushReason {
  mark?: 'urgent' | 'watch';
  /** the watched words found */
  terms?: readonly string[];
  /** other sources carrying the story (the 另见 line of an edited push) */
  also?: readonly string[];
}

/** One story in a digest: its first post, then its twins from other sources. */
export interface DigestItem {
  twins: StoredArticle[];
}

export interface OutgoingMessage {
  /** Telegram HTML, as the renderer built it */
  text: string;
  disablePreview: boolean;
  /** a 全文 button opening the article (callback `read:<seq>`) */
  readSeq?: number;
  /** rewrite this sent message (a later copy of its story) instead of sending a new one */
  editMessageId?: number;
  /** the message to edit is not sent yet: try again shortly */
  wait?: boolean;
}

/** What an outbox row stands for, read back from the archive: data, not text. */
export type RowContent =
  | { kind: 'article'; twins: readonly StoredArticle[]; why: PushReason }
  | { kind: 'rollup'; stories: readonly StoredArticle[][]; catchUp: boolean }
  /** digests are rendered when they are queued (their split into messages is fixed then) */
  | { kind: 'digest'; html: string };

export interface PushRenderer {
  /** the message for one resolved row */
  row(content: RowContent, chat: Chat): OutgoingMessage;
  /** a digest as messages of at most 4096 characters, cut only between items */
  digest(items: readonly DigestItem[], chat: Chat, at: number): string[];
  /** the 全文 button label for the chat */
  readLabel(chat: Chat): string;
}
