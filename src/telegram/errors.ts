/**
 * What a Bot API call's failure means, in one place: command replies, the push sender and
 * start-up each decide what to do about it, but none of them reads error codes or descriptions
 * by hand. Accepts telegraf's TelegramError (`.response` with error_code, description and
 * parameters) and anything else thrown on the way (network errors, timeouts, aborts).
 */
export type BotErrorKind =
  /** 429: retryAfterS says how long Telegram wants us to wait (absent if it did not say) */
  | 'rate'
  /** 403: blocked by the user, kicked, or not allowed to write there */
  | 'blocked'
  /** 400: the chat no longer exists for us (deleted, never started, user deactivated) */
  | 'chat-gone'
  /** 400: a forum topic was deleted */
  | 'thread-gone'
  /** the group became a supergroup: toChatId is its new id */
  | 'migrated'
  /** 400: Telegram could not parse our HTML */
  | 'bad-html'
  /** 400: over 4096 characters (or a caption over its limit) */
  | 'too-long'
  /** 400: an edit that changes nothing */
  | 'not-modified'
  /** 401: the token was revoked or mistyped */
  | 'unauthorized'
  /** 404 on a method: the token's bot does not exist at this API root */
  | 'not-found'
  /** 409: another instance polls with the same token (or a webhook is set) */
  | 'conflict'
  /** 5xx: Telegram's side; try again later */
  | 'server'
  /** no answer from Telegram at all: DNS, reset, timeout, abort */
  | 'network'
  /** any other refusal (a 400 we have no rule for) */
  | 'rejected';

export interface BotError {
  kind: BotErrorKind;
  /** the Bot API's error_code; undefined when Telegram never answered */
  status: number | undefined;
  /** Telegram's description (or the error's message), at most 300 characters */
  description: string;
  retryAfterS?: number;
  toChatId?: number;
}

interface TelegramLikeError {
  code?: unknown;
  response?: { error_code?: unknown; description?: unknown; parameters?: Record<string, unknown> };
  message?: unknown;
}

const BAD_HTML = /can't parse entities|unsupported start tag|can't find end tag/i;
const CHAT_GONE = /chat not found|peer_id_invalid|bot was kicked|user is deactivated/i;

/** Sorts any error from a Bot API call into what it means (see BotErrorKind). */
export function classifyBotError(err: unknown): BotError {
  const e = (err ?? {}) as TelegramLikeError;
  const status = typeof e.response?.error_code === 'number' ? e.response.error_code : undefined;
  const description = String(e.response?.description ?? e.message ?? err).slice(0, 300);
  const is = (kind: BotErrorKind, extra: Partial<BotError> = {}): BotError => ({
    kind,
    status,
    description,
    ...extra,
  });
  if (status === undefined) return is('network');
  const params = e.response?.parameters ?? {};
  if (status === 429) {
    const s = Number(params['retry_after']);
    return is('rate', Number.isFinite(s) && s >= 0 ? { retryAfterS: s } : {});
  }
  const to = params['migrate_to_chat_id'];
  if (typeof to === 'number') return is('migrated', { toChatId: to });
  if (status === 401) return is('unauthorized');
  if (status === 404) return is('not-found');
  if (status === 409) return is('conflict');
  if (status === 403) return is('blocked');
  if (status >= 500) return is('server');
  if (status !== 400) return is('rejected');
  if (BAD_HTML.test(description)) return is('bad-html');
  if (/message thread not found/i.test(description)) return is('thread-gone');
  if (CHAT_GONE.test(description)) return is('chat-gone');
  if (/message is not modified/i.test(description)) return is('not-modified');
  if (/message is too long|caption is too long|text is too long/i.test(description)) return is('too-long');
  return is('rejected');
}

/** An edit that changed nothing: the message already says it, which is success. */
export const isNotModified = (err: unknown): boolean => classifyBotError(err).kind === 'not-modified';
