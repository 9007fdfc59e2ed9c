/** What the sender does about a failed sendMessage. */
export type SendFailure =
  | { kind: 'rate'; retryAfterMs: number; description: string }
  | { kind: 'blocked'; description: string }
  | { kind: 'thread-gone'; description: string }
  | { kind: 'migrated'; toChatId: number; description: string }
  | { kind: 'parse'; description: string }
  | { kind: 'transient'; description: string }
  | { kind: 'fatal'; description: string }
  | { kind: 'rejected'; description: string };

interface TelegramLikeError {
  code?: unknown;
  response?: { error_code?: unknown; description?: unknown; parameters?: Record<string, unknown> };
  message?: unknown;
  name?: unknown;
}

/**
 * Sorts an error from telegraf (TelegramError: `.code`, `.response.parameters`) or from the
 * network (node-fetch FetchError, ECONNRESET, our own timeout abort) into what to do next.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = (err ?? {}) as TelegramLikeError;
  const status = typeof e.response?.error_code === 'number' ? e.response.error_code : undefined;
  const description = String(e.response?.description ?? e.message ?? err).slice(0, 300);
  if (status === undefined) return { kind: 'transient', description };
  const params = e.response?.parameters ?? {};
  if (status === 429) {
    const seconds = Number(params['retry_after']);
    return {
      kind: 'rate',
      retryAfterMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000,
      description,
    };
  }
  if (typeof params['migrate_to_chat_id'] === 'number') {
    return { kind: 'migrated', toChatId: params['migrate_to_chat_id'], description };
  }
  if (status === 401 || status === 404) return { kind: 'fatal', description };
  if (status === 403) return { kind: 'blocked', description };
  if (status >= 500) return { kind: 'transient', description };
  if (status === 400 && /can't parse entities|unsupported start tag|can't find end tag/i.test(description)) {
    return { kind: 'parse', description };
  }
  // a forum topic was deleted: only that topic stops, not its group
  if (status === 400 && /message thread not found/i.test(description))
    return { kind: 'thread-gone', description };
  // the chat is gone for good (deleted group, never started private chat, bot kicked)
  if (
    status === 400 &&
    /chat not found|peer_id_invalid|bot was kicked|user is deactivated/i.test(description)
  ) {
    return { kind: 'blocked', description };
  }
  return { kind: 'rejected', description };
}

/** Exponential backoff with full jitter in [d/2, d]. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d / 2 + (random() * d) / 2);
}
