import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Every counter the process keeps, on its own registry so tests can build as many as they like. */
export function createMetrics(opts: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaults) collectDefaultMetrics({ register: registry, prefix: 'kuaixun_' });
  const r = [registry];
  return {
    registry,
    polls: new Counter({
      name: 'kuaixun_polls_total',
      help: 'poll ticks by outcome',
      labelNames: ['outcome'],
      registers: r,
    }),
    postsFound: new Counter({ name: 'kuaixun_posts_found_total', help: 'new posts stored', registers: r }),
    parseFailures: new Counter({
      name: 'kuaixun_parse_failures_total',
      help: 'pages that did not parse, by reason',
      labelNames: ['reason'],
      registers: r,
    }),
    siteErrors: new Counter({
      name: 'kuaixun_site_errors_total',
      help: 'failed site requests, by kind',
      labelNames: ['kind'],
      registers: r,
    }),
    siteRequests: new Counter({
      name: 'kuaixun_site_requests_total',
      help: 'site requests by status',
      labelNames: ['status'],
      registers: r,
    }),
    queueDepth: new Gauge({
      name: 'kuaixun_outbox_pending',
      help: 'outbox rows waiting to be sent',
      registers: r,
    }),
    messagesSent: new Counter({
      name: 'kuaixun_messages_sent_total',
      help: 'messages Telegram accepted, by kind',
      labelNames: ['kind'],
      registers: r,
    }),
    telegram429: new Counter({
      name: 'kuaixun_telegram_429_total',
      help: '429 answers from Telegram',
      registers: r,
    }),
    telegram403: new Counter({
      name: 'kuaixun_telegram_403_total',
      help: '403 answers from Telegram',
      registers: r,
    }),
    deliveriesDropped: new Counter({
      name: 'kuaixun_deliveries_dropped_total',
      help: 'outbox rows given up, by reason',
      labelNames: ['reason'],
      registers: r,
    }),
    topicsPaused: new Counter({
      name: 'kuaixun_topics_paused_total',
      help: 'forum topics paused because Telegram said the thread is gone',
      registers: r,
    }),
    digestRuns: new Counter({ name: 'kuaixun_digest_runs_total', help: 'digests built', registers: r }),
    searchLatency: new Histogram({
      name: 'kuaixun_search_seconds',
      help: 'search latency',
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: r,
    }),
    deliveryLag: new Histogram({
      name: 'kuaixun_delivery_lag_seconds',
      help: 'post published → delivered',
      buckets: [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86400],
      registers: r,
    }),
    storeErrors: new Counter({
      name: 'kuaixun_store_errors_total',
      help: 'writes a shared store (PostgreSQL) refused; retried',
      labelNames: ['store'],
      registers: r,
    }),
    updateErrors: new Counter({
      name: 'kuaixun_update_errors_total',
      help: 'updates whose handling threw',
      registers: r,
    }),
    webhookRefused: new Counter({
      name: 'kuaixun_webhook_refused_total',
      help: 'webhook requests without the right secret',
      registers: r,
    }),
    webRequests: new Counter({
      name: 'kuaixun_web_requests_total',
      help: 'Mini App requests by outcome (ok, unauthorized, invalid, forbidden, rate-limited, error)',
      labelNames: ['outcome'],
      registers: r,
    }),
    feedReads: new Counter({
      name: 'kuaixun_feed_reads_total',
      help: 'feed and wire reads, by outcome (new, unchanged, not-modified, first, error kinds)',
      labelNames: ['outcome'],
      registers: r,
    }),
    lastPoll: new Gauge({
      name: 'kuaixun_last_poll_timestamp_seconds',
      help: 'last successful poll',
      registers: r,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
