import type { BotCommand, MenuButton, User } from 'telegraf/types';
import { CallLog } from './calls.ts';
import { ChatModel } from './chats.ts';
import { DEFAULT_BOT, DEFAULT_TOKEN } from './defaults.ts';
import { FaultRules } from './faults.ts';
import { FileStore } from './files.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './rate-limits.ts';
import type { CallbackQueryState } from './update-effects.ts';
import { UpdateQueue } from './updates-queue.ts';

export interface FakeTelegramOptions {
  /** the one token the fake accepts; any other gets 401 */
  token?: string;
  /** getMe; `username` defaults to kuaixun_test_bot */
  bot?: Partial<User>;
  /**
   * false (default): an unknown numeric chat id is taken as an existing chat (type guessed from
   * the id). true: only chats registered with addChat() or seen in injected updates exist;
   * others get "Bad Request: chat not found".
   */
  knownChatsOnly?: boolean;
  /** Telegram's flood limits; false disables them (retry_after faults still apply) */
  rateLimits?: Partial<RateLimitOptions> | false;
  /** cap on how long a getUpdates with `timeout` is held (default 1000 ms) */
  maxPollHoldMs?: number;
  /** seed for probabilistic faults */
  seed?: number;
  /** callback queries older than this get "query is too old" (default 15 min; Telegram's is short) */
  callbackQueryTtlMs?: number;
  /** clock for dates, rate limits and windows (default Date.now) */
  now?: () => number;
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
}

/** Everything the fake knows, shared by the method handlers. */
export class FakeState {
  readonly token: string;
  readonly bot: User;
  readonly knownChatsOnly: boolean;
  readonly maxPollHoldMs: number;
  readonly callbackQueryTtlMs: number;
  readonly now: () => number;
  readonly log = new CallLog();
  readonly chats = new ChatModel();
  readonly queue = new UpdateQueue();
  readonly limiter: RateLimiter;
  readonly faults: FaultRules;
  readonly queries = new Map<string, CallbackQueryState>();
  readonly files = new FileStore();
  /** setMyCommands, keyed by `${scope JSON}|${language_code}` */
  readonly commands = new Map<string, BotCommand[]>();
  /** setChatMenuButton, by private chat id; `default` for the bot-wide button */
  readonly menuButtons = new Map<number | 'default', MenuButton>();
  webhook: WebhookState | undefined;
  tokenRevoked = false;
  pollConflict = false;

  constructor(opts: FakeTelegramOptions = {}) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.bot = { ...DEFAULT_BOT, ...opts.bot, is_bot: true };
    this.knownChatsOnly = opts.knownChatsOnly ?? false;
    this.maxPollHoldMs = opts.maxPollHoldMs ?? 1000;
    this.callbackQueryTtlMs = opts.callbackQueryTtlMs ?? 15 * 60_000;
    this.now = opts.now ?? Date.now;
    this.limiter = new RateLimiter(
      opts.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
    );
    this.faults = new FaultRules(opts.seed ?? 42);
  }

  reset(): void {
    this.log.reset();
    this.chats.chats.clear();
    this.chats.users.clear();
    this.queue.reset();
    this.limiter.reset();
    this.faults.clear();
    this.queries.clear();
    this.commands.clear();
    this.menuButtons.clear();
    this.webhook = undefined;
    this.tokenRevoked = false;
    this.pollConflict = false;
  }
}

export function commandsKey(scope: unknown, languageCode: unknown): string {
  const s = scope && typeof scope === 'object' ? (scope as Record<string, unknown>) : { type: 'default' };
  // key order differs between callers; the scope is flat, so sorted keys make it canonical
  return `${JSON.stringify(s, Object.keys(s).sort())}|${typeof languageCode === 'string' ? languageCode : ''}`;
}
