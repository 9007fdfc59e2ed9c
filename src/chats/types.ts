export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';
export type Lang = 'zh' | 'en';

export interface Chat {
  id: number;
  kind: ChatKind;
  title: string;
  lang: Lang;
  mode: 'instant' | 'digest';
  /** HH:MM in the chat's zone, sorted; empty means digests off */
  digestTimes: string[];
  tz: string;
  linkPreview: boolean;
  showSummary: boolean;
  /** false after the bot was removed or blocked; subscriptions are kept for a comeback */
  active: boolean;
  /** slug → epoch ms when subscribed (nothing older than that is ever sent) */
  subscriptions: Record<string, number>;
  /**
   * slug → the archive's last seq when subscribed: digests read only what was stored after it.
   * A clock can tie (a frozen test clock, two events in one ms); a seq can't. Absent on chats
   * stored before it existed: those fall back to the time rule.
   */
  subscribedSeq?: Record<string, number>;
  /** articles.seq up to which digests were delivered */
  digestCursor: number;
  /** minute key (YYYY-MM-DDTHH:MM in the chat's zone) of the last digest slot taken */
  lastDigestSlot: string;
  createdAt: number;
  /** set once the bot introduced itself in a group */
  greeted: boolean;
  /** quiet hours `HH:MM-HH:MM` in the chat's zone (may cross midnight); absent: none (a patch
   * with quiet: undefined clears it, the store drops undefined fields) */
  quiet?: string | undefined;
  /** digests only on A-share trading days */
  digestTrading?: boolean;
  /** urgent items and watch hits come at once even in digest mode or quiet hours; absent: on */
  breakThrough?: boolean /** slug → the subscription's filter, words normalised: any include must appear, no exclude may */;
  filters?: Record<string, { include: string[]; exclude: string[] }>;
  /**
   * set on a forum topic's own record: where its messages go. `paused` after Telegram said the
   * thread is gone; the subscriptions stay, the record is inactive.
   */
  topic?: { chatId: number; threadId: number; paused?: boolean };
}

export interface SubscribeResult {
  added: string[];
  already: string[];
  /** refused because the chat reached MAX_SUBSCRIPTIONS */
  overLimit: string[];
}

/** Chat settings and subscriptions, on keyv (SQLite by default, Redis later). */
/** Read-modify-write sections by key: in one process (KeyedLock) or across instances (Redis). */
export interface CriticalSections {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** several keys at once, always taken in sorted order so two callers never deadlock */
  runMany<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T>;
}

export interface ChatStore {
  get(chatId: number): Promise<Chat | undefined>;
  /** creates the chat with defaults when missing */
  ensure(chatId: number, init: Pick<Chat, 'kind'> & Partial<Pick<Chat, 'title' | 'lang'>>): Promise<Chat>;
  update(chatId: number, patch: Partial<Omit<Chat, 'id'>>): Promise<Chat | undefined>;
  subscribe(chatId: number, slugs: readonly string[], now: number): Promise<SubscribeResult>;
  /** returns the slugs actually removed */
  unsubscribe(chatId: number, slugs: readonly string[] | 'all'): Promise<string[]>;
  /** active chats subscribed to the slug */
  subscribers(slug: string): Promise<number[]>;
  setActive(chatId: number, active: boolean): Promise<void>;
  /** a group became a supergroup: everything moves to the new id */
  migrate(fromId: number, toId: number): Promise<void>;
  allIds(): Promise<number[]>;
  /** the id of a forum topic's own record, handed out once per (chat, thread) */
  topicId(chatId: number, threadId: number): Promise<number>;
  stats(): Promise<{ chats: number; active: number; subscriptions: number }>;
}
