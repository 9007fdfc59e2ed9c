import { classifyBotError } from '../telegram/errors.ts';

/** What the sender does about a failed sendMessage. */
export type SendFailure =
  | { kind: 'rate'; retryAfterMs: number; description: string }
  /** forbidden: Telegram answered 403 (blocked, kicked), not a 400 for a chat that is gone */
  | { kind: 'blocked'; description: string; forbidden: boolean }
  | { kind: 'thread-gone'; description: string }
  | { kind: 'migrated'; toChatId: number; description: string }
  | { kind: 'parse'; description: string }
  | { kind: 'transient'; description: string }
  | { kind: 'fatal'; description: string }
  | { kind: 'rejected'; description: string };

/**
 * What the sender does about what Telegram said (src/telegram/errors.ts says what it means).
 * A chat that is gone counts as blocked, a 401 or 404 means the token is wrong, and anything
 * Telegram may accept later (its 5xx, no answer) is retried.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = classifyBotError(err);
  const { description } = e;
  switch (e.kind) {
    case 'rate':
      return { kind: 'rate', retryAfterMs: (e.retryAfterS || 1) * 1000, description };
    case 'migrated':
      return { kind: 'migrated', toChatId: e.toChatId!, description };
    case 'unauthorized':
    case 'not-found':
      return { kind: 'fatal', description };
    case 'blocked':
    case 'chat-gone':
      return { kind: 'blocked', description, forbidden: e.status === 403 };
    case 'server':
    case 'network':
      return { kind: 'transient', description };
    case 'bad-html':
      return { kind: 'parse', description };
    case 'thread-gone':
      return { kind: 'thread-gone', description };
    default:
      return { kind: 'rejected', description };
  }
}

/** Exponential backoff with full jitter in [d/2, d]. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d / 2 + (random() * d) / 2);
}
