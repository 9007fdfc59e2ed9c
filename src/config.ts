import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

const TIME_ZONE_CHECK = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const duration = z
  .string()
  .regex(/^\d+\s*(ms|s|m|h|d)$/, 'use a number with a unit: 500ms, 30s, 5m, 24h, 30d')
  .transform((v) => {
    const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(v)!;
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
    return Number(m[1]) * unit;
  });

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'looks like 123456:ABC-DEF…, as @BotFather gives it')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  SITE_URL: z
    .string()
    .url()
    .default('https://finews.withounder.com')
    .transform((v) => v.replace(/\/+$/, '')),
  STORAGE_URL: z
    .string()
    .regex(
      /^(sqlite:\/\/.+|sqlite::memory:|postgres(ql)?:\/\/[^\s]+)$/,
      'use sqlite://path/to/file.sqlite, or postgres://user:password@host:port/database',
    )
    .default('sqlite://data/kuaixun.sqlite'),
  /** PostgreSQL mode: this instance's own SQLite file (search replica, site validators) */
  REPLICA_PATH: z.string().min(1).default('data/replica.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'use redis://[:password@]host:port[/db] (rediss:// for TLS)')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, '1-64 of A-Z a-z 0-9 _ : . -')
    .optional(),
  // how long a dead receiver keeps the lease: failover takes about this long, while a
  // shorter one makes a Redis hiccup hand polling around between instances
  RECEIVER_LEASE: duration.default('6s').refine((ms) => ms >= 1_000 && ms <= 300_000, 'between 1s and 5m'),
  POLL_CRON: z.string().default('* * * * *').refine(validateCron, 'not a valid cron expression'),
  DIGEST_CRON: z.string().default('* * * * *').refine(validateCron, 'not a valid cron expression'),
  PRUNE_CRON: z.string().default('17 4 * * *').refine(validateCron, 'not a valid cron expression'),
  TZ: z.string().default('Asia/Shanghai').refine(TIME_ZONE_CHECK, 'not an IANA time zone'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_IDS: z
    .string()
    .default('')
    .refine(
      (v) => /^(\s*-?\d+\s*(,\s*-?\d+\s*)*)?$/.test(v),
      'a comma-separated list of numeric Telegram ids',
    )
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number),
    ),
  SEND_RATE: z.union([z.literal('unlimited'), int(1, 1000)]).default(25),
  PAID_BROADCAST: bool.default('false'),
  RETENTION_DAYS: int(1, 3650).default(30),
  DELIVERY_MAX_AGE: duration.default('24h'),
  SUMMARY_BUDGET: int(40, 1000).default(120),
  FETCH_TIMEOUT: duration.default('15s'),
  FETCH_CONCURRENCY: int(1, 32).default(4),
  FETCH_MAX_BYTES: int(10_000, 100_000_000).default(5_000_000),
  MAX_SUBSCRIPTIONS: int(1, 10_000).default(200),
  FEEDS: z.enum(['open', 'admins', 'off']).default('open'),
  MAX_FEEDS_PER_CHAT: int(0, 10_000).default(50),
  MAX_FEEDS: int(0, 1_000_000).default(5_000),
  FEED_PRIVATE_HOSTS: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .every((h) => /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(h.trim()) || !h.trim()),
      'a comma-separated list of host or host:port',
    )
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  RSSHUB_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'an http(s) URL')
    .default('https://rsshub.app')
    .transform((v) => v.replace(/\/+$/, '')),
  FEED_MIN_INTERVAL: duration.default('5m'),
  FEED_TIMEOUT: duration.default('15s'),
  FEED_MAX_BYTES: int(10_000, 100_000_000).default(5_000_000),
  FEED_CONCURRENCY: int(1, 64).default(8),
  WIRES_FILE: z.string().optional(),
  USER_RATE_LIMIT: int(1, 1000).default(20),
  WEBHOOK_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  WEBHOOK_PORT: int(1, 65535).default(8443),
  METRICS_PORT: int(0, 65535).optional(),
  WEBAPP_URL: z
    .string()
    .url()
    .refine((v) => v.startsWith('https://'), 'Telegram opens Mini Apps only over https://')
    .optional(),
  WEB_PORT: int(0, 65535).default(8080),
  WATCH_MAX_PER_CHAT: int(1, 1000).default(50),
  WATCH_MAX_TOTAL: int(1, 10_000_000).default(200_000),
  TRADING_CLOSED_DAYS: z
    .string()
    .default('')
    .refine(
      (v) =>
        /^(\s*\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?\s*(,\s*\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?\s*)*)?$/.test(
          v,
        ),
      'a comma-separated list of YYYY-MM-DD days or YYYY-MM-DD..YYYY-MM-DD ranges',
    )
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
});

export type Config = Readonly<
  Omit<z.output<typeof schema>, 'SEND_RATE'> & {
    /** messages per second across all chats; Infinity when unlimited */
    SEND_RATE: number;
  }
>;

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError naming the first bad key. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  // empty strings in .env mean "not set", as operators expect from commented-out templates
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'config');
    throw new ConfigError(key, `Invalid ${key}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) {
    throw new ConfigError('WEBHOOK_SECRET', 'Invalid WEBHOOK_SECRET: required when WEBHOOK_URL is set');
  }
  const rate = c.SEND_RATE === 'unlimited' ? Number.POSITIVE_INFINITY : c.SEND_RATE;
  if (rate > 30 && !c.PAID_BROADCAST) {
    throw new ConfigError(
      'SEND_RATE',
      'Invalid SEND_RATE: Telegram allows at most 30 messages/s; set PAID_BROADCAST=true to go higher',
    );
  }
  return Object.freeze({
    ...c,
    ADMIN_IDS: Object.freeze(c.ADMIN_IDS) as number[],
    TRADING_CLOSED_DAYS: Object.freeze(c.TRADING_CLOSED_DAYS) as string[],
    FEED_PRIVATE_HOSTS: Object.freeze(c.FEED_PRIVATE_HOSTS) as string[],
    SEND_RATE: rate,
  });
}

export const usesPostgres = (config: Pick<Config, 'STORAGE_URL'>): boolean =>
  /^postgres(ql)?:\/\//.test(config.STORAGE_URL);

/** The SQLite file this process opens: the whole store, or on PostgreSQL its own replica file. */
export function sqlitePath(config: Pick<Config, 'STORAGE_URL'> & { REPLICA_PATH?: string }): string {
  if (usesPostgres(config)) return config.REPLICA_PATH ?? 'data/replica.sqlite';
  if (config.STORAGE_URL === 'sqlite::memory:') return ':memory:';
  return config.STORAGE_URL.slice('sqlite://'.length);
}

export function maskToken(token: string | undefined): string {
  if (!token) return '(none)';
  const [id] = token.split(':');
  return `${id}:***`;
}
