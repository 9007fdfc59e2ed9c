import { Redis } from 'ioredis';
import type { CriticalSections } from '../../chats/types.ts';
import type { Config } from '../../config.ts';
import type { SendGate } from '../../delivery/rate-limiter-types.ts';
import type { Logger } from '../../log.ts';
import type { ShouldRun } from '../../scheduler.ts';
import { type HeldLease, holdLease, type LeaseOptions, redisShouldRun } from './lease.ts';
import { createRedisLock } from './lock.ts';
import { RedisSendGate } from './rate-limiter.ts';

/** What Redis gives a group of instances: one send gate, job leases, one receiver of updates. */
export interface Coordination {
  sendGate: SendGate;
  shouldRun: ShouldRun;
  /** chat records and their indexes, changed by one instance at a time */
  lock: CriticalSections;
  /** starts competing for the receiver lease (long polling: one getUpdates consumer at a time) */
  holdReceiver(o: Pick<LeaseOptions, 'onAcquired' | 'onLost'>): HeldLease;
  /** where, for the start-up line (no password) */
  describe: string;
  close(): Promise<void>;
}

/** the default key prefix: one bot per prefix, whatever else shares the server */
export const defaultPrefix = (config: Pick<Config, 'BOT_TOKEN' | 'REDIS_PREFIX'>): string =>
  config.REDIS_PREFIX ?? `kuaixun:${config.BOT_TOKEN?.split(':')[0] ?? 'none'}:`;

/**
 * Connects to REDIS_URL when set. While Redis is unreachable no message is sent (the shared
 * rate can't be known) and scheduled ticks are skipped (fail-closed); both resume on their
 * own when it answers again. Errors are logged at most once a minute.
 */
export function openCoordination(config: Config, log: Logger): Coordination | undefined {
  if (!config.REDIS_URL) return undefined;
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  let lastLog = 0;
  const onError = (err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log.error({ err }, 'redis: coordination unavailable; sends wait and ticks are skipped until it answers');
  };
  redis.on('error', onError);
  const prefix = defaultPrefix(config);
  const sendGate = new RedisSendGate({ redis, prefix, rate: config.SEND_RATE, onError });
  const url = new URL(config.REDIS_URL);
  return {
    sendGate,
    shouldRun: redisShouldRun(redis, prefix),
    lock: createRedisLock({ redis, prefix }),
    holdReceiver: (o) =>
      holdLease({ redis, prefix, name: 'receiver', ttlMs: config.RECEIVER_LEASE, onError, ...o }),
    describe: `${url.protocol}//${url.host}${url.pathname} prefix ${prefix}`,
    async close() {
      await sendGate.close();
      redis.disconnect();
    },
  };
}
